/**
 * The simulated web application's routes: what a page view, an API call or a static asset looks
 * like (method, URL, route template, latency, size, SQL executed), so generated transactions read
 * like a real order-management app on Java application servers.
 */
import type { QuerySummary } from '../model/transaction.js';
import type { Rng } from './prng.js';

export interface RouteSpec {
  method: string;
  route: string;
  /** Builds the concrete URL (path and query) from the template. */
  url: (rng: Rng) => string;
  /** Relative frequency among page views / API calls. */
  weight: number;
  medianMs: number;
  sigma: number;
  bytes: number;
  /** Server-error probability under normal load. */
  errorRate: number;
  queries: { statement: string; medianMs: number; rows: number }[];
}

const id = (rng: Rng, max: number): number => 1 + rng.int(max);

export const PAGE_ROUTES: RouteSpec[] = [
  {
    method: 'GET',
    route: '/',
    url: () => '/',
    weight: 6,
    medianMs: 35,
    sigma: 0.5,
    bytes: 24_000,
    errorRate: 0.001,
    queries: [],
  },
  {
    method: 'GET',
    route: '/dashboard',
    url: () => '/dashboard',
    weight: 10,
    medianMs: 120,
    sigma: 0.6,
    bytes: 48_000,
    errorRate: 0.002,
    queries: [
      { statement: 'SELECT count(*) FROM orders WHERE customer_id = ? AND status = ?', medianMs: 8, rows: 1 },
      {
        statement: 'SELECT id, title, created_at FROM notices ORDER BY created_at DESC LIMIT ?',
        medianMs: 3,
        rows: 10,
      },
    ],
  },
  {
    method: 'GET',
    route: '/orders',
    url: (rng) => `/orders?page=${id(rng, 5)}`,
    weight: 14,
    medianMs: 90,
    sigma: 0.6,
    bytes: 36_000,
    errorRate: 0.002,
    queries: [
      {
        statement:
          'SELECT id, status, total, created_at FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT ? OFFSET ?',
        medianMs: 12,
        rows: 20,
      },
    ],
  },
  {
    method: 'GET',
    route: '/orders/:id',
    url: (rng) => `/orders/${id(rng, 900_000)}`,
    weight: 12,
    medianMs: 60,
    sigma: 0.5,
    bytes: 22_000,
    errorRate: 0.002,
    queries: [
      { statement: 'SELECT * FROM orders WHERE id = ?', medianMs: 2, rows: 1 },
      { statement: 'SELECT * FROM order_items WHERE order_id = ?', medianMs: 4, rows: 6 },
    ],
  },
  {
    method: 'GET',
    route: '/products/:id',
    url: (rng) => `/products/${id(rng, 40_000)}`,
    weight: 12,
    medianMs: 45,
    sigma: 0.5,
    bytes: 30_000,
    errorRate: 0.001,
    queries: [{ statement: 'SELECT * FROM products WHERE id = ?', medianMs: 2, rows: 1 }],
  },
  {
    method: 'GET',
    route: '/search',
    url: (rng) => `/search?q=${rng.pick(['monitor', 'keyboard', 'chair', 'paper', 'toner', 'laptop', 'cable'])}`,
    weight: 8,
    medianMs: 180,
    sigma: 0.7,
    bytes: 40_000,
    errorRate: 0.003,
    queries: [
      {
        statement: 'SELECT id, name, price FROM products WHERE name LIKE ? ORDER BY score DESC LIMIT ?',
        medianMs: 60,
        rows: 40,
      },
    ],
  },
  {
    method: 'POST',
    route: '/orders',
    url: () => '/orders',
    weight: 3,
    medianMs: 220,
    sigma: 0.5,
    bytes: 2_000,
    errorRate: 0.004,
    queries: [
      {
        statement: 'INSERT INTO orders (customer_id, status, total, created_at) VALUES (?, ?, ?, ?)',
        medianMs: 6,
        rows: 1,
      },
      {
        statement: 'INSERT INTO order_items (order_id, product_id, qty, price) VALUES (?, ?, ?, ?)',
        medianMs: 5,
        rows: 3,
      },
      { statement: 'UPDATE stock SET qty = qty - ? WHERE product_id = ?', medianMs: 7, rows: 3 },
    ],
  },
  {
    method: 'GET',
    route: '/reports/monthly',
    url: (rng) => `/reports/monthly?month=2026-${String(id(rng, 11)).padStart(2, '0')}`,
    weight: 2,
    medianMs: 650,
    sigma: 0.6,
    bytes: 80_000,
    errorRate: 0.003,
    queries: [
      {
        statement:
          'SELECT date_trunc(?, created_at), sum(total) FROM orders WHERE created_at BETWEEN ? AND ? GROUP BY 1',
        medianMs: 300,
        rows: 31,
      },
    ],
  },
  {
    method: 'GET',
    route: '/export/report.xlsx',
    url: (rng) => `/export/report.xlsx?month=2026-${String(id(rng, 11)).padStart(2, '0')}`,
    weight: 0.3,
    medianMs: 1400,
    sigma: 0.5,
    bytes: 2_500_000,
    errorRate: 0.003,
    queries: [
      {
        statement:
          'SELECT o.id, o.created_at, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at BETWEEN ? AND ?',
        medianMs: 500,
        rows: 12_000,
      },
    ],
  },
];

/** XHR calls a page makes after it loads. */
export const API_ROUTES: RouteSpec[] = [
  {
    method: 'GET',
    route: '/api/orders/:id',
    url: (rng) => `/api/orders/${id(rng, 900_000)}`,
    weight: 10,
    medianMs: 25,
    sigma: 0.5,
    bytes: 3_000,
    errorRate: 0.002,
    queries: [{ statement: 'SELECT * FROM orders WHERE id = ?', medianMs: 2, rows: 1 }],
  },
  {
    method: 'GET',
    route: '/api/cart',
    url: () => '/api/cart',
    weight: 8,
    medianMs: 15,
    sigma: 0.4,
    bytes: 1_500,
    errorRate: 0.001,
    queries: [{ statement: 'SELECT * FROM cart_items WHERE customer_id = ?', medianMs: 2, rows: 3 }],
  },
  {
    method: 'GET',
    route: '/api/notifications/poll',
    url: () => '/api/notifications/poll',
    weight: 6,
    medianMs: 8,
    sigma: 0.4,
    bytes: 300,
    errorRate: 0.0005,
    queries: [
      { statement: 'SELECT id, body FROM notifications WHERE user_id = ? AND read_at IS NULL', medianMs: 1, rows: 0 },
    ],
  },
];

export const STATIC_ASSETS = [
  '/static/js/app.3f9a1c.js',
  '/static/css/app.81b2e0.css',
  '/static/img/logo.png',
  '/favicon.ico',
];

export const LOGIN_ROUTE: RouteSpec = {
  method: 'POST',
  route: '/login',
  url: () => '/login',
  weight: 0,
  medianMs: 140,
  sigma: 0.4,
  bytes: 900,
  errorRate: 0.001,
  queries: [
    { statement: 'SELECT id, password_hash, locked FROM users WHERE login_id = ?', medianMs: 3, rows: 1 },
    {
      statement: 'INSERT INTO login_history (user_id, client_ip, logged_in_at) VALUES (?, ?, ?)',
      medianMs: 4,
      rows: 1,
    },
  ],
};

/** Query summaries of a route, with durations drawn around their medians. */
export function queriesOf(route: RouteSpec, rng: Rng, slowdown: number): QuerySummary[] {
  return route.queries.map((q) => ({
    statement: q.statement,
    durationMs: Math.round(rng.logNormal(q.medianMs * slowdown, 0.5) * 10) / 10,
    rows: Math.max(0, Math.round(q.rows * rng.range(0.5, 1.5))),
    system: 'postgresql',
  }));
}

/** A route drawn by weight. */
export function pickRoute(routes: readonly RouteSpec[], rng: Rng): RouteSpec {
  let total = 0;
  for (const r of routes) total += r.weight;
  let x = rng.next() * total;
  for (const r of routes) {
    x -= r.weight;
    if (x < 0) return r;
  }
  return routes[routes.length - 1] as RouteSpec;
}
