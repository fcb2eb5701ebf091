/**
 * The page at `/`: the web dashboard (live CCU, history, ask box, sessions), served from `web/`.
 * Kept as the API's one entry point for the page so `createApp` does not need to know its assets.
 */
import type { Hono } from 'hono';
import { registerDashboard } from '../../web/dashboard-routes.js';

export function registerRootPage(app: Hono): void {
  registerDashboard(app);
}
