/**
 * Plays an incident plan inside the traffic generator: the export-downloading user behind a CPU
 * spike, the heavy report query before an OutOfMemoryError and the restart after it, the password
 * guesser, and the background pollers whose sessions never expire. Each records its ground truth.
 */
import type { Population, SimUser } from './population.js';
import { Rng } from './prng.js';
import { CPU_SPIKE_ROUTE, OOM_EXCEPTION, OOM_ROUTE, OOM_STATEMENT, type IncidentPlan } from './incidents.js';
import { HEAP_MAX_BYTES } from './infra-model.js';
import { API_ROUTES, LOGIN_ROUTE, PAGE_ROUTES, type RouteSpec } from './routes.js';
import type { TrafficGenerator } from './traffic-generator.js';

const EXPORT_ROUTE = PAGE_ROUTES.find((r) => r.route === CPU_SPIKE_ROUTE) as RouteSpec;
const POLL_ROUTE = API_ROUTES.find((r) => r.route === '/api/notifications/poll') as RouteSpec;
const SALES_ROUTE: RouteSpec = {
  ...EXPORT_ROUTE,
  method: 'GET',
  route: OOM_ROUTE,
  url: () => `${OOM_ROUTE}?range=all`,
  bytes: 0,
};

function userById(population: Population, userId: string): SimUser | undefined {
  return population.users.find((u) => u.userId === userId);
}

export function scheduleIncidents(gen: TrafficGenerator, plan: IncidentPlan): void {
  const seed = gen.load.options.seed;
  const { cpuSpike, oom, loginBurst, longSessions } = plan;

  if (cpuSpike) {
    const user = userById(gen.population, cpuSpike.userId);
    const rng = Rng.derive(seed, 'incident-cpu', cpuSpike.from);
    const truth = {
      instance: cpuSpike.instance,
      userId: cpuSpike.userId,
      route: CPU_SPIKE_ROUTE,
      from: cpuSpike.from,
      to: cpuSpike.to,
      requests: 0,
    };
    gen.truth.cpuSpike = truth;
    gen.overlays.push({
      // Each export renders a huge workbook: ~0.45 of the instance's CPU while the loop runs.
      cpu: (instance, t) =>
        instance === cpuSpike.instance && t >= cpuSpike.from && t < cpuSpike.to + 15_000 ? 0.45 : 0,
      heap: () => undefined,
    });
    const step = (t: number): void => {
      if (!user || t >= cpuSpike.to) return;
      const client = { ...gen.clientOf(user, t), key: `incident-cpu:${user.userId}`, pinInstance: cpuSpike.instance };
      gen.request(t, client, EXPORT_ROUTE, rng, true, {
        url: `${CPU_SPIKE_ROUTE}?from=2021-01-01&to=2026-12-31&detail=all`,
        durationMs: rng.range(8_000, 16_000),
        bytes: Math.round(rng.range(38, 46) * 1024 * 1024),
        queries: [
          {
            statement: EXPORT_ROUTE.queries[0]?.statement ?? '',
            durationMs: Math.round(rng.range(2500, 4000)),
            rows: 850_000 + rng.int(20_000),
            system: 'postgresql',
          },
        ],
      });
      truth.requests++;
      gen.queue.schedule(t + rng.range(0.6, 1.4) * cpuSpike.intervalSeconds * 1000, step);
    };
    gen.queue.schedule(cpuSpike.from, step);
  }

  if (oom) {
    const user = userById(gen.population, oom.userId);
    const rng = Rng.derive(seed, 'incident-oom', oom.at);
    const queryMs = 41_000;
    const requestAt = oom.at - queryMs - 2_000;
    const restartedAt = oom.at + oom.restartSeconds * 1000;
    gen.overlays.push({
      cpu: (instance, t) => (instance === oom.instance && t >= requestAt && t < oom.at ? 0.3 : 0),
      // The heap climbs to its limit while the result set is materialised, then the JVM restarts.
      heap: (instance, t) => {
        if (instance !== oom.instance) return undefined;
        if (t >= requestAt && t < oom.at)
          return Math.round(HEAP_MAX_BYTES * (0.6 + (0.395 * (t - requestAt)) / (oom.at - requestAt)));
        if (t >= restartedAt && t < restartedAt + 120_000) return Math.round(HEAP_MAX_BYTES * 0.18);
        return undefined;
      },
    });
    gen.queue.schedule(requestAt, (t) => {
      if (!user) return;
      const client = { ...gen.clientOf(user, t), key: `incident-oom:${user.userId}`, pinInstance: oom.instance };
      const tx = gen.request(t, client, SALES_ROUTE, rng, true, {
        status: 500,
        durationMs: oom.at - t + 300,
        bytes: 0,
        queries: [{ statement: OOM_STATEMENT, durationMs: queryMs, rows: 5_200_000, system: 'postgresql' }],
        exceptions: [{ type: OOM_EXCEPTION, message: 'Java heap space' }],
      });
      const ids = { traceId: tx.traceId as string, spanId: tx.spanId as string };
      gen.emitLog({
        time: oom.at - 20_000,
        instance: oom.instance,
        severity: 'WARN',
        body: 'GC overhead: 96% of time spent in garbage collection over the last 20s',
      });
      gen.emitLog({
        time: oom.at,
        instance: oom.instance,
        severity: 'FATAL',
        body: `Exception in thread "http-nio-8080-exec-17" ${OOM_EXCEPTION}: Java heap space`,
        exceptionType: OOM_EXCEPTION,
        exceptionMessage: 'Java heap space',
        ...ids,
      });
      gen.emitLog({
        time: restartedAt,
        instance: oom.instance,
        severity: 'INFO',
        body: 'Server startup in [18234] milliseconds',
      });
      gen.truth.oom = {
        instance: oom.instance,
        userId: oom.userId,
        at: oom.at,
        route: OOM_ROUTE,
        url: tx.url,
        statement: OOM_STATEMENT,
        traceId: ids.traceId,
        restartedAt,
      };
    });
    // The instance is unreachable from the error until the restart completes.
    gen.addDowntime(oom.instance, oom.at, restartedAt);
  }

  if (loginBurst) {
    const rng = Rng.derive(seed, 'incident-login', loginBurst.from);
    const truth = {
      clientIp: loginBurst.clientIp,
      from: loginBurst.from,
      to: loginBurst.to,
      attempts: 0,
      loginIdsTried: 0,
    };
    gen.truth.loginBurst = truth;
    const tried = new Set<string>();
    const step = (t: number): void => {
      if (t >= loginBurst.to) return;
      // A script without a cookie jar: each attempt is a new session.
      const client = { key: `incident-login:${t}`, clientIp: loginBurst.clientIp, userAgent: 'python-requests/2.32.3' };
      const loginId = rng.chance(0.5)
        ? rng.pick(['admin', 'test', 'root', 'manager', 'guest'])
        : `u${100000 + rng.int(gen.population.users.length)}`;
      tried.add(loginId);
      gen.request(t, client, LOGIN_ROUTE, rng, false, { status: 401, durationMs: rng.range(90, 200) });
      gen.emitLog({
        time: t,
        instance: gen.sessions.get(client.key)?.instance ?? 'was1',
        severity: 'WARN',
        body: `Login failed for login_id=${loginId} from ${loginBurst.clientIp}`,
      });
      truth.attempts++;
      truth.loginIdsTried = tried.size;
      gen.queue.schedule(t + rng.range(0.4, 1.6) * loginBurst.intervalSeconds * 1000, step);
    };
    gen.queue.schedule(loginBurst.from, step);
  }

  if (longSessions) {
    longSessions.userIds.forEach((userId, k) => {
      const user = userById(gen.population, userId);
      const rng = Rng.derive(seed, 'incident-long', k, longSessions.from);
      const key = `incident-long:${userId}`;
      const step = (t: number): void => {
        if (!user) return;
        const client = { ...gen.clientOf(user, t), key };
        const fresh = gen.sessions.get(key) === undefined;
        gen.request(t, client, POLL_ROUTE, rng, true);
        const session = gen.sessions.get(key);
        if (fresh && session)
          gen.truth.longSessions.push({ userId, sessionId: session.sessionId, instance: session.instance, since: t });
        gen.queue.schedule(t + longSessions.pollSeconds * 1000, step);
      };
      gen.queue.schedule(longSessions.from + k * 7_000, step);
    });
  }
}
