/**
 * The history a policy simulation replays: hourly CCU peaks and hourly CPU over the last N days, and
 * how many servers produced that CPU, read from a collector (local data directory, or the ask engine's
 * collector) or from a running server's REST API (`--server`), the same figures either way.
 */
import { z } from 'zod';
import type { CollectorReadApi } from '../collector/collector-types.js';
import { PromptOpsError } from '../errors/promptops-error.js';
import type { HourlyPoint } from './simulate-policy.js';

export interface PolicyHistory {
  from: number;
  to: number;
  ccu: HourlyPoint[];
  cpu: HourlyPoint[];
  /** Instances that reported in the period's last hours (the fleet the CPU figures came from). */
  servers: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// What the REST API answers, checked once at the boundary.
const seriesSchema = z
  .object({ points: z.array(z.object({ t: z.string(), value: z.number() }).passthrough()) })
  .passthrough();
const ccuNowSchema = z.object({ instances: z.array(z.object({ instance: z.string() }).passthrough()) }).passthrough();

function points(r: { points: { t: string; value: number }[] }): HourlyPoint[] {
  return r.points.map((p) => ({ t: Date.parse(p.t), value: p.value }));
}

/** The period: whole hours, ending at the current hour's start (a partial hour under-reports). */
export function historyRange(now: number, days: number): { from: number; to: number } {
  const to = Math.floor(now / HOUR) * HOUR;
  return { from: to - days * DAY, to };
}

export async function historyFromCollector(
  collector: Pick<CollectorReadApi, 'series' | 'concurrentUsers'>,
  now: number,
  days: number,
): Promise<PolicyHistory> {
  const { from, to } = historyRange(now, days);
  const [ccu, cpu, live] = await Promise.all([
    collector.series({ metric: 'ccu', step: '1h', from, to }),
    collector.series({ metric: 'cpu', step: '1h', from, to }),
    collector.concurrentUsers({ at: to - 1 }),
  ]);
  return { from, to, ccu: points(ccu), cpu: points(cpu), servers: Math.max(1, live.instances.length) };
}

async function getJson(base: string, pathAndQuery: string): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(pathAndQuery, base);
  } catch (err) {
    throw new PromptOpsError('invalid_parameter', `--server '${base}' is not an http(s) URL`, { cause: err });
  }
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new PromptOpsError('unavailable', `cannot reach ${url.origin}: ${(err as Error).message}`, { cause: err });
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok)
    throw new PromptOpsError('unavailable', `server answered ${res.status}: ${body?.error?.message ?? res.statusText}`);
  return body;
}

export async function historyFromServer(server: string, now: number, days: number): Promise<PolicyHistory> {
  const { from, to } = historyRange(now, days);
  const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&step=1h`;
  const [ccu, cpu, live] = await Promise.all([
    getJson(server, `/api/v1/series?metric=ccu&${range}`),
    getJson(server, `/api/v1/series?metric=cpu&${range}`),
    getJson(server, `/api/v1/concurrent-users?at=${new Date(to - 1).toISOString()}`),
  ]);
  return {
    from,
    to,
    ccu: points(seriesSchema.parse(ccu)),
    cpu: points(seriesSchema.parse(cpu)),
    servers: Math.max(1, ccuNowSchema.parse(live).instances.length),
  };
}
