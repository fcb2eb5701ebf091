/**
 * Injected incidents and their ground truth. A plan says what happens when; the generator plays it
 * and fills in the truth (trace ids, session ids, request counts) so analysis tests can check that
 * they name the injected cause, and a plan with no incidents lets them check nothing is reported.
 */
import { Rng } from './prng.js';
import type { Population } from './population.js';
import type { SimOptions } from './sim-options.js';

export interface IncidentPlan {
  /** One user repeatedly downloads a large export, saturating one instance's CPU. */
  cpuSpike?: { instance: string; userId: string; from: number; to: number; intervalSeconds: number };
  /** A heavy query exhausts the heap of one instance, which then restarts. */
  oom?: { instance: string; userId: string; at: number; restartSeconds: number };
  /** Scripted password guessing from one address. */
  loginBurst?: { clientIp: string; from: number; to: number; intervalSeconds: number };
  /** Users whose pages poll in the background, so their sessions stay open for hours. */
  longSessions?: { userIds: string[]; from: number; pollSeconds: number };
}

export const CPU_SPIKE_ROUTE = '/export/report.xlsx';
export const OOM_ROUTE = '/reports/sales';
export const OOM_STATEMENT =
  'SELECT o.id, o.created_at, o.total, oi.product_id, oi.qty, oi.price, c.name, c.email FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN customers c ON c.id = o.customer_id WHERE o.created_at >= ?';
export const OOM_EXCEPTION = 'java.lang.OutOfMemoryError';

/** What actually happened, filled in while the plan plays. */
export interface IncidentTruth {
  cpuSpike?: {
    instance: string;
    userId: string;
    route: string;
    from: number;
    to: number;
    /** Export requests the user made in the window. */
    requests: number;
  };
  oom?: {
    instance: string;
    userId: string;
    /** When the OutOfMemoryError was logged. */
    at: number;
    route: string;
    url: string;
    statement: string;
    traceId: string;
    restartedAt: number;
  };
  loginBurst?: { clientIp: string; from: number; to: number; attempts: number; loginIdsTried: number };
  longSessions: { userId: string; sessionId: string; instance: string; since: number }[];
}

export function emptyTruth(): IncidentTruth {
  return { longSessions: [] };
}

/**
 * The default plan for a window: incidents at fixed fractions of it, so any window of an hour or
 * more holds all of them, apart enough that their evidence does not overlap.
 */
export function planIncidents(options: SimOptions, population: Population, from: number, to: number): IncidentPlan {
  const rng = Rng.derive(options.seed, 'incident-plan', from);
  const span = to - from;
  const at = (f: number): number => Math.round((from + span * f) / 1000) * 1000;
  const users = population.users;
  // Distinct actors: the culprits must not be confused with each other.
  const picks = new Set<number>();
  while (picks.size < 6) picks.add(rng.int(users.length));
  const [cpuUser, oomUser, ...longUsers] = [...picks].map((i) => users[i]?.userId ?? 'u100000');
  const instances = options.instances;
  const cpuInstance = instances[1 % instances.length] as string;
  const oomInstance = instances[2 % instances.length] as string;
  return {
    cpuSpike: {
      instance: cpuInstance,
      userId: cpuUser as string,
      from: at(0.2),
      to: at(0.2) + Math.min(20 * 60_000, span * 0.12),
      intervalSeconds: 12,
    },
    oom: { instance: oomInstance, userId: oomUser as string, at: at(0.45), restartSeconds: 90 },
    loginBurst: {
      clientIp: `203.0.113.${10 + rng.int(200)}`,
      from: at(0.65),
      to: at(0.65) + Math.min(6 * 60_000, span * 0.05),
      intervalSeconds: 1,
    },
    longSessions: { userIds: longUsers, from: at(0.02), pollSeconds: 60 },
  };
}
