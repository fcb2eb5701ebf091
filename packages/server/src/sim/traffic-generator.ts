/**
 * The live traffic generator: visits arrive at the rate the load model asks for, page views follow
 * each other after think times, pages pull static assets and API calls, sessions expire and users
 * log in again, crawlers hit the site without cookies, and the incident plan plays on top. It
 * advances in steps (`advance(to)`) and returns model Transactions, MetricSamples, LogRecords and
 * SessionEvents; output depends only on the seed, the start time and the plan, not on step sizes.
 */
import type { Transaction } from '../model/transaction.js';
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import { EventQueue } from './event-queue.js';
import { scheduleIncidents } from './incident-actors.js';
import { emptyTruth, type IncidentPlan, type IncidentTruth } from './incidents.js';
import { HEAP_MAX_BYTES, InfraModel, MEMORY_LIMIT_BYTES } from './infra-model.js';
import type { LoadModel } from './load-model.js';
import type { Population, SimUser } from './population.js';
import { Rng } from './prng.js';
import { LOGIN_ROUTE, PAGE_ROUTES, pickRoute, queriesOf, type RouteSpec } from './routes.js';
import { SessionTracker } from './session-tracker.js';
import { ARRIVAL_CALIBRATION, startVisit, VISIT_SPAN_MS } from './user-visit.js';

export interface TrafficBatch {
  transactions: Transaction[];
  metrics: MetricSample[];
  logs: LogRecord[];
  sessionEvents: SessionEvent[];
}

/** Who is making a request. */
export interface SimClient {
  /** Key of the client's session slot (one live session per key). */
  key: string;
  clientIp: string;
  userAgent: string;
  visitorId?: string;
  user?: SimUser;
  /** Instance to create new sessions on (incident actors are pinned). */
  pinInstance?: string;
}

export interface RequestOverrides {
  url?: string;
  status?: number;
  durationMs?: number;
  bytes?: number;
  queries?: Transaction['queries'];
  exceptions?: Transaction['exceptions'];
}

export const SERVICE_NAME = 'shop-web';
/** Visits start this long before the requested start so the first window is already warm. */
const WARMUP_MS = 30 * 60_000;

export class TrafficGenerator {
  readonly truth: IncidentTruth = emptyTruth();
  readonly sessions: SessionTracker;
  readonly infra: InfraModel;
  readonly queue = new EventQueue();
  /** Users in the middle of a visit (an arrival for one of them is not a second visit). */
  readonly inVisit = new Set<number>();
  private cursor: number;
  private out: TrafficBatch = emptyBatch();
  private readonly downtimes: { instance: string; from: number; to: number }[] = [];
  /** Extra CPU and heap imposed by incidents: (instance, t) → overlay. */
  readonly overlays: {
    cpu: (instance: string, t: number) => number;
    heap: (instance: string, t: number) => number | undefined;
  }[] = [];

  constructor(
    readonly load: LoadModel,
    readonly population: Population,
    readonly start: number,
    readonly plan: IncidentPlan = {},
  ) {
    this.infra = new InfraModel(load);
    this.sessions = new SessionTracker(load.options.sessionTimeoutSeconds * 1000, (e) => {
      if (e.time >= this.start) this.out.sessionEvents.push(e);
    });
    this.cursor = Math.floor((start - WARMUP_MS) / 1000) * 1000;
    this.population.crawlers.forEach((c, i) => {
      const rng = Rng.derive(load.options.seed, 'crawler', i, start);
      const hit = (t: number): void => {
        this.crawlerHit(i, t, rng);
        this.queue.schedule(t + Math.max(500, rng.exp(c.intervalSeconds * 1000)), hit);
      };
      this.queue.schedule(this.cursor + rng.int(c.intervalSeconds * 1000), hit);
    });
    scheduleIncidents(this, plan);
    this.advance(start);
  }

  /** Generates everything in [current position, to) and returns what falls at or after `start`. */
  advance(to: number): TrafficBatch {
    const opts = this.load.options;
    for (let s = this.cursor; s < to; s += 1000) {
      const rng = Rng.derive(opts.seed, 'arrivals', s);
      // Little's law: arrivals = CCU / (visit length + active window).
      const visitMs = VISIT_SPAN_MS + opts.activeWindowSeconds * 1000;
      const arrivals = rng.poisson((ARRIVAL_CALIBRATION * this.load.expectedCcu(s) * 1000) / visitMs);
      for (let k = 0; k < arrivals; k++) startVisit(this, s + rng.int(1000), rng);
      this.queue.runUntil(s + 1000);
      if (s % (opts.metricIntervalSeconds * 1000) === 0) this.sampleMetrics(s);
      if (s % 10_000 === 0) this.sessions.sweep(s);
    }
    this.cursor = Math.max(this.cursor, Math.ceil(to / 1000) * 1000);
    const batch = this.out;
    this.out = emptyBatch();
    const byTime = (a: { time: number }, b: { time: number }): number => a.time - b.time;
    batch.transactions = batch.transactions.filter((t) => t.time >= this.start).sort(byTime);
    batch.metrics = batch.metrics.filter((m) => m.time >= this.start);
    batch.logs = batch.logs.filter((l) => l.time >= this.start).sort(byTime);
    batch.sessionEvents.sort(byTime);
    return batch;
  }

  /** Marks an instance as restarting over [from, to): requests fail with 503, no metrics. */
  addDowntime(instance: string, from: number, to: number): void {
    this.downtimes.push({ instance, from, to });
  }

  isDown(instance: string, t: number): boolean {
    for (const d of this.downtimes) if (d.instance === instance && t >= d.from && t < d.to) return true;
    return false;
  }

  emitLog(record: Omit<LogRecord, 'service'>): void {
    this.out.logs.push({ ...record, service: SERVICE_NAME });
  }

  clientOf(user: SimUser, t: number): SimClient {
    const local = this.load.calendar.local(t);
    const weekend = local.weekday === 0 || local.weekday === 6;
    return {
      key: user.userId,
      clientIp: this.population.ipOf(user, local.hour, weekend),
      userAgent: user.userAgent,
      ...(user.visitorId === undefined ? {} : { visitorId: user.visitorId }),
      user,
    };
  }

  /** Picks an instance for a new session: weighted, skipping instances that are restarting. */
  pickInstance(rng: Rng, t: number): string {
    const names = this.load.options.instances;
    let r = rng.next();
    let chosen = names.length - 1;
    for (let i = 0; i < names.length; i++) {
      r -= this.load.instanceShare(i);
      if (r < 0) {
        chosen = i;
        break;
      }
    }
    for (let k = 0; k < names.length; k++) {
      const name = names[(chosen + k) % names.length] as string;
      if (!this.isDown(name, t)) return name;
    }
    return names[chosen] as string;
  }

  /**
   * One request: finds or creates the client's session (logging in with a POST /login first when
   * `login` is set and the session is new) and emits the transaction.
   */
  request(
    t: number,
    client: SimClient,
    route: RouteSpec,
    rng: Rng,
    login: boolean,
    o: RequestOverrides = {},
  ): Transaction {
    const touched = this.sessions.touch(
      client.key,
      t,
      rng,
      { clientIp: client.clientIp, userAgent: client.userAgent },
      () => client.pinInstance ?? this.pickInstance(rng, t),
    );
    const session = touched.session;
    if (touched.created && login && client.user) {
      this.emitTx(t, client, session.sessionId, session.instance, LOGIN_ROUTE, rng, { status: 302 });
      this.sessions.login(session, client.user.userId, t);
      t += 150 + rng.int(300);
    }
    return this.emitTx(t, client, session.sessionId, session.instance, route, rng, o);
  }

  private emitTx(
    t: number,
    client: SimClient,
    sessionId: string,
    instance: string,
    route: RouteSpec,
    rng: Rng,
    o: RequestOverrides,
  ): Transaction {
    const opts = this.load.options;
    const idx = opts.instances.indexOf(instance);
    const cpu = this.cpuOf(idx, instance, t);
    // Latency grows sharply as the CPU saturates.
    const slowdown = 1 + 3 * Math.max(0, cpu - 0.6) ** 2 * 10;
    const down = this.isDown(instance, t);
    const failed = down || rng.chance(route.errorRate * (1 + 4 * Math.max(0, cpu - 0.8)));
    const status = down ? 503 : (o.status ?? (failed ? 500 : 200));
    const session = this.sessions.get(client.key);
    const userId = session?.userId;
    const tx: Transaction = {
      time: Math.round(t),
      durationMs:
        Math.round(
          (o.durationMs ?? (down ? rng.range(1, 5) : rng.logNormal(route.medianMs * slowdown, route.sigma))) * 10,
        ) / 10,
      status,
      error: status >= 500,
      method: route.method,
      url: o.url ?? route.url(rng),
      route: route.route,
      instance,
      service: SERVICE_NAME,
      clientIp: client.clientIp,
      sessionId,
      ...(client.visitorId === undefined ? {} : { visitorId: client.visitorId }),
      ...(userId === undefined ? {} : { userId }),
      userAgent: client.userAgent,
      bytes: o.bytes ?? (down ? 0 : Math.round(route.bytes * rng.range(0.7, 1.3))),
      traceId: rng.hex(32),
      spanId: rng.hex(16),
    };
    const queries = o.queries ?? (down ? [] : queriesOf(route, rng, slowdown));
    if (queries.length > 0) tx.queries = queries;
    if (o.exceptions) tx.exceptions = o.exceptions;
    else if (status >= 500 && !down) {
      tx.exceptions = [
        { type: 'org.postgresql.util.PSQLException', message: 'An I/O error occurred while sending to the backend.' },
      ];
      this.emitLog({
        time: tx.time + Math.round(tx.durationMs),
        instance,
        severity: 'ERROR',
        body: `Request failed: ${tx.method} ${tx.route}`,
        exceptionType: 'org.postgresql.util.PSQLException',
        exceptionMessage: 'An I/O error occurred while sending to the backend.',
        traceId: tx.traceId as string,
        spanId: tx.spanId as string,
      });
    }
    this.out.transactions.push(tx);
    return tx;
  }

  cpuOf(idx: number, instance: string, t: number): number {
    let cpu = this.infra.cpuAt(Math.max(0, idx), t);
    for (const o of this.overlays) cpu += o.cpu(instance, t);
    return Math.min(0.99, cpu);
  }

  private crawlerHit(i: number, t: number, rng: Rng): void {
    const c = this.population.crawlers[i];
    if (!c) return;
    // No cookies: every hit opens a new session (the overcount the session mode suffers from).
    const client: SimClient = { key: `crawler:${c.name}:${t}`, clientIp: c.ip, userAgent: c.userAgent };
    const route =
      c.name === 'uptime-probe' || c.name === 'health-check' ? PAGE_ROUTES[0] : pickRoute(PAGE_ROUTES.slice(4, 6), rng);
    this.request(t, client, route as RouteSpec, rng, false);
  }

  private sampleMetrics(t: number): void {
    this.load.options.instances.forEach((instance, i) => {
      if (this.isDown(instance, t)) return;
      let heap = this.infra.heapAt(i, t);
      for (const o of this.overlays) heap = o.heap(instance, t) ?? heap;
      this.out.metrics.push(
        { time: t, instance, metric: 'cpu', value: round3(this.cpuOf(i, instance, t)) },
        { time: t, instance, metric: 'memory', value: this.infra.memoryAt(i, t), limit: MEMORY_LIMIT_BYTES },
        { time: t, instance, metric: 'heap', value: heap, limit: HEAP_MAX_BYTES },
        { time: t, instance, metric: 'sessions', value: this.sessions.activeOn(instance) },
      );
    });
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function emptyBatch(): TrafficBatch {
  return { transactions: [], metrics: [], logs: [], sessionEvents: [] };
}
