/**
 * The user keys of one simulated visit in every identification mode, as 64-bit MurmurHash64A halves
 * (the hash the collector applies to the key strings, so history sketches union exactly with live
 * ones): the user id unless anonymous, the visitor cookie unless cookie-less, the client address
 * (a NAT office's during office hours), and a session key per session. Per-user hashes are computed
 * once and reused.
 */
import { hash64 } from '@promptops/sketch';
import type { UserKeyMode } from '../model/transaction.js';
import type { HistoryRows, Slot } from './history-rows.js';
import type { SimUser } from './population.js';
import { fmix32, mixSeed } from './prng.js';
import type { Simulator } from './simulator.js';

const NONE = -1;

function split(h: bigint): [number, number] {
  return [Number(h >> 32n), Number(h & 0xffffffffn)];
}

export class VisitKeys {
  private readonly hi: number[];
  private readonly lo: number[];
  private readonly userHash: Map<string, [number, number]> = new Map();
  /** Per user index: hashes of the user id, the visitor cookie (NONE when cookie-less), home address. */
  private readonly perUser: Float64Array;
  /** Per office: hash of its NAT address. */
  private readonly perOffice: Float64Array;
  /** Mode kinds by position, resolved once: 0 user, 1 cookie, 2 ip, 3 session. */
  private readonly kinds: number[];
  private sessionCounter = 0;
  private readonly mergedRatio = new Set<number>();
  private readonly seed: number;
  private user: SimUser | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly modes: readonly UserKeyMode[],
  ) {
    this.hi = modes.map(() => NONE);
    this.lo = modes.map(() => NONE);
    this.seed = sim.options.seed;
    this.kinds = modes.map((m) => ['user', 'cookie', 'ip', 'session'].indexOf(m));
    const users = sim.population.users;
    this.perUser = new Float64Array(users.length * 6);
    users.forEach((u, i) => {
      const id = split(hash64(u.userId));
      const cookie = u.visitorId === undefined ? [NONE, NONE] : split(hash64(u.visitorId));
      const home = split(hash64(u.homeIp));
      this.perUser.set([id[0], id[1], cookie[0] as number, cookie[1] as number, home[0], home[1]], i * 6);
    });
    this.perOffice = new Float64Array(sim.population.offices.length * 2);
    sim.population.offices.forEach((o, i) => this.perOffice.set(split(hash64(o.ip)), i * 2));
  }

  private hashOf(key: string): [number, number] {
    let h = this.userHash.get(key);
    if (h === undefined) {
      h = split(hash64(key));
      this.userHash.set(key, h);
    }
    return h;
  }

  /** Sets the current visit's keys; `officeHours` says whether office users sit behind their NAT. */
  forVisit(user: SimUser, officeHours: boolean, anonymous: boolean): void {
    this.user = user;
    const base = user.index * 6;
    const pu = this.perUser;
    const counter = ++this.sessionCounter;
    for (let m = 0; m < this.kinds.length; m++) {
      let hi = NONE;
      let lo = NONE;
      switch (this.kinds[m]) {
        case 0:
          if (!anonymous) {
            hi = pu[base] as number;
            lo = pu[base + 1] as number;
          }
          break;
        case 1:
          hi = pu[base + 2] as number;
          lo = pu[base + 3] as number;
          break;
        case 2:
          if (officeHours && user.office !== undefined) {
            hi = this.perOffice[user.office * 2] as number;
            lo = this.perOffice[user.office * 2 + 1] as number;
          } else {
            hi = pu[base + 4] as number;
            lo = pu[base + 5] as number;
          }
          break;
        default:
          // Session ids are random: any well-mixed pair stands for one.
          hi = fmix32(this.seed ^ Math.imul(counter, 0x9e3779b1));
          lo = fmix32(hi ^ 0x85ebca6b ^ counter);
      }
      this.hi[m] = hi;
      this.lo[m] = lo;
    }
  }

  /** The user came back after the session expired: a new session key. */
  newSession(page: number): void {
    const m = this.modes.indexOf('session');
    if (m < 0 || !this.user) return;
    const counter = ++this.sessionCounter;
    this.hi[m] = fmix32(this.seed ^ Math.imul(counter, 0x9e3779b1) ^ page);
    this.lo[m] = fmix32((this.hi[m] as number) ^ 0x85ebca6b ^ counter);
  }

  addTo(slot: Slot): void {
    for (let m = 0; m < this.modes.length; m++) {
      const hi = this.hi[m] as number;
      if (hi !== NONE) slot.acc.sketchFor(this.modes[m] as UserKeyMode).addHash64(hi, this.lo[m] as number);
    }
  }

  /** Crawler hits in a slot: its address once (ip mode) and a fresh session per hit (session mode). */
  addCrawlerHits(slot: Slot, j: number, t: number, hits = 1): void {
    const crawler = this.sim.population.crawlers[j];
    if (!crawler || hits <= 0) return;
    for (let m = 0; m < this.kinds.length; m++) {
      const kind = this.kinds[m];
      const sketch = kind === 2 || kind === 3 ? slot.acc.sketchFor(this.modes[m] as UserKeyMode) : undefined;
      if (!sketch) continue;
      if (kind === 2) {
        const [hi, lo] = this.hashOf(crawler.ip);
        sketch.addHash64(hi, lo);
      } else {
        for (let k = 0; k < hits; k++)
          sketch.addHash64(mixSeed(this.seed, 'crawl-hi', j, t + k), mixSeed(this.seed, 'crawl-lo', j, t + k));
      }
    }
  }

  /** Folds an instance slot's sketches and visit counters into the total slot of its bucket. */
  mergeInto(total: Slot, s: Slot): void {
    for (const [mode, u] of s.acc.users) {
      if (u.sketch !== null) total.acc.sketchFor(mode).merge(u.sketch);
    }
    total.touches += s.touches;
    total.crawlerHits += s.crawlerHits;
    total.crawlerMask |= s.crawlerMask;
  }

  /** Distinct user keys per visit in the slot, crawler keys left out; undefined without visits. */
  ratio(s: Slot, mode: UserKeyMode): number | undefined {
    if (s.touches === 0) return undefined;
    const u = s.acc.users.get(mode);
    const count = u?.sketch ? u.sketch.count() : 0;
    const crawlerKeys = mode === 'ip' ? popcount(s.crawlerMask) : mode === 'session' ? s.crawlerHits : 0;
    return Math.max(0, count - crawlerKeys) / s.touches;
  }

  /** The 5 min ratio slot around a fine row (the total's is merged from the instances' once). */
  ratioSlot(ratios: HistoryRows, s: Slot, start: number): Slot {
    const rb = Math.floor(start / 300_000) * 300_000;
    const instances = this.sim.options.instances.length;
    if (s.inst < instances) return ratios.slot(2, s.inst, rb);
    const total = ratios.slot(2, instances, rb);
    if (!this.mergedRatio.has(rb)) {
      this.mergedRatio.add(rb);
      for (let i = 0; i < instances; i++) this.mergeInto(total, ratios.slot(2, i, rb));
    }
    return total;
  }
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) c++;
  return c;
}
