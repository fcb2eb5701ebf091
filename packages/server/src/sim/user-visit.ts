/**
 * One user's visit: page views after think times, the static assets of the first page, the XHR calls
 * each page makes, the login when a new session starts, sometimes a pause longer than the session
 * timeout (so the user logs in again with a new session id), and a logout now and then.
 */
import { Rng } from './prng.js';
import { API_ROUTES, PAGE_ROUTES, pickRoute, STATIC_ASSETS, type RouteSpec } from './routes.js';
import type { TrafficGenerator } from './traffic-generator.js';

/** Mean page views per visit. */
export const MEAN_PAGES = 9;
/** Median think time between two page views, ms. */
export const THINK_MEDIAN_MS = 25_000;
/** Mean span from a visit's first to its last page: (pages − 1) × mean think time (+1 s per page). */
export const VISIT_SPAN_MS = (MEAN_PAGES - 1) * (THINK_MEDIAN_MS * Math.exp(0.32) + 1000);
/**
 * Measured: arrivals for users already on the site are dropped and anonymous visits have no user
 * key, so arrivals are scaled up to make CCU (mode user) match the load model. Little's law:
 * arrivals per second = calibration × CCU / (visit span + active window).
 */
export const ARRIVAL_CALIBRATION = 1.3;

const STATIC_ROUTE: RouteSpec = {
  method: 'GET',
  route: '/static',
  url: () => '/static',
  weight: 0,
  medianMs: 2,
  sigma: 0.5,
  bytes: 60_000,
  errorRate: 0,
  queries: [],
};
const LOGOUT_ROUTE: RouteSpec = {
  method: 'GET',
  route: '/logout',
  url: () => '/logout',
  weight: 0,
  medianMs: 10,
  sigma: 0.3,
  bytes: 200,
  errorRate: 0,
  queries: [],
};

function staticRoute(path: string): RouteSpec {
  return { ...STATIC_ROUTE, url: () => path, route: path };
}

export function startVisit(gen: TrafficGenerator, t: number, rng: Rng): void {
  const opts = gen.load.options;
  const user = gen.population.pickUser(rng);
  if (gen.inVisit.has(user.index)) return;
  gen.inVisit.add(user.index);
  const vrng = Rng.derive(opts.seed, 'visit', t, user.index);
  const anonymous = vrng.chance(opts.anonymousShare);
  let pages = 1 + Math.round(vrng.exp(MEAN_PAGES - 1));
  let first = true;
  const step = (at: number): void => {
    const client = gen.clientOf(user, at);
    const page = pickRoute(PAGE_ROUTES, vrng);
    const tx = gen.request(at, client, page, vrng, !anonymous);
    if (first) {
      for (const asset of STATIC_ASSETS)
        gen.request(tx.time + 20 + vrng.int(200), client, staticRoute(asset), vrng, false);
      first = false;
    }
    const apis = vrng.int(3);
    for (let k = 0; k < apis; k++)
      gen.request(tx.time + 100 + vrng.int(900), client, pickRoute(API_ROUTES, vrng), vrng, false);
    pages--;
    if (pages <= 0) {
      gen.inVisit.delete(user.index);
      if (!anonymous && vrng.chance(0.25)) {
        gen.request(tx.time + 2000, client, LOGOUT_ROUTE, vrng, false, { status: 302 });
        gen.sessions.destroy(client.key, tx.time + 2100);
      }
      return;
    }
    // A long pause (meeting, lunch) outlives the session: the user comes back and logs in again.
    const pause = vrng.chance(0.03) ? vrng.range(35, 70) * 60_000 : vrng.logNormal(THINK_MEDIAN_MS, 0.8);
    gen.queue.schedule(at + 1000 + pause, step);
  };
  gen.queue.schedule(t, step);
}
