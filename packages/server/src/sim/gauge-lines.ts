/**
 * Counters sampled every 2 s across one history chunk: user visits active in the CCU window, active
 * sessions, and crawler keys. Intervals are recorded as +1/−1 differences and integrated once; what
 * runs past the chunk's end is carried into the next chunk.
 */

const SAMPLE_MS = 2_000;
/** Longest stretch a visit, a session or a window may reach past its chunk. */
const TAIL_MS = 4 * 3_600_000;

export class GaugeLines implements GaugeLinesWritable {
  readonly tailMs = TAIL_MS;
  private c0 = 0;
  private n = 0;
  private user: Float64Array[] = [];
  private sess: Float64Array[] = [];
  private crawlIp: Float64Array[] = [];
  private crawlSess: Float64Array[] = [];
  /** End of the open window interval per (instance or total, crawler). */
  private readonly crawlerEnd: Float64Array;
  // The current visit's open interval (fields, not an object: this runs once per visit).
  private openInst = -1;
  private openA = 0;
  private openB = 0;

  constructor(
    private readonly instances: number,
    private readonly crawlers: number,
  ) {
    this.crawlerEnd = new Float64Array((instances + 1) * Math.max(1, crawlers));
  }

  startChunk(c0: number, lengthMs: number): void {
    const n = Math.ceil((lengthMs + TAIL_MS) / SAMPLE_MS);
    const carry = (old: Float64Array[], count: number): Float64Array[] =>
      Array.from({ length: count }, (_, k) => {
        const fresh = new Float64Array(n);
        const prev = old[k];
        if (prev) {
          // Old arrays hold integrated values: re-difference the part that overlaps the new chunk.
          const shift = Math.round((c0 - this.c0) / SAMPLE_MS);
          let before = 0;
          for (let i = 0; i + shift < prev.length && i < n; i++) {
            const v = prev[i + shift] as number;
            fresh[i] = v - before;
            before = v;
          }
          if (prev.length - shift < n && prev.length - shift >= 0) fresh[prev.length - shift] -= before;
        }
        return fresh;
      });
    this.user = carry(this.user, this.instances);
    this.sess = carry(this.sess, this.instances);
    this.crawlIp = carry(this.crawlIp, this.instances + 1);
    this.crawlSess = carry(this.crawlSess, this.instances);
    this.c0 = c0;
    this.n = n;
  }

  private add(line: Float64Array, a: number, b: number, v = 1): void {
    const i0 = Math.max(0, Math.ceil((a - this.c0) / SAMPLE_MS));
    const i1 = Math.ceil((b - this.c0) / SAMPLE_MS);
    if (i0 >= this.n || i1 <= i0) return;
    line[i0] = (line[i0] as number) + v;
    if (i1 < this.n) line[i1] = (line[i1] as number) - v;
  }

  /** A request of the current visit makes it active on [a, b); overlapping requests merge. */
  userActive(inst: number, a: number, b: number): void {
    if (this.openInst === inst && a <= this.openB) {
      this.openB = Math.max(this.openB, b);
      return;
    }
    this.flushUser();
    this.openInst = inst;
    this.openA = a;
    this.openB = b;
  }

  /** Ends the current visit's open interval. */
  flushUser(): void {
    if (this.openInst >= 0) this.add(this.user[this.openInst] as Float64Array, this.openA, this.openB);
    this.openInst = -1;
  }

  session(inst: number, a: number, b: number): void {
    this.add(this.sess[inst] as Float64Array, a, b);
  }

  /** A crawler hit: its address is one key for the window, its new session another. */
  crawler(inst: number, j: number, t: number, windowEnd: number, sessionEnd: number): void {
    this.add(this.crawlSess[inst] as Float64Array, t, windowEnd);
    this.add(this.sess[inst] as Float64Array, t, sessionEnd);
    for (const line of [inst, this.instances]) {
      const k = line * Math.max(1, this.crawlers) + j;
      const end = this.crawlerEnd[k] as number;
      const arr = this.crawlIp[line] as Float64Array;
      if (t < end && end > this.c0) {
        // Still inside its window: move the interval's end instead of counting the address twice.
        this.add(arr, end, windowEnd);
      } else this.add(arr, t, windowEnd);
      this.crawlerEnd[k] = Math.max(end, windowEnd);
    }
  }

  /** Turns differences into values (call once per chunk, after every interval is recorded). */
  integrate(): void {
    this.flushUser();
    for (const group of [this.user, this.sess, this.crawlIp, this.crawlSess]) {
      for (const line of group)
        for (let i = 1; i < line.length; i++) line[i] = (line[i] as number) + (line[i - 1] as number);
    }
  }

  /** Zeroes every line: a chunk whose gauges are modelled rather than counted. */
  clear(): void {
    this.openInst = -1;
    for (const group of [this.user, this.sess, this.crawlIp, this.crawlSess]) for (const line of group) line.fill(0);
  }

  set(line: GaugeLine, inst: number, i: number, value: number): void {
    const group =
      line === 'user'
        ? this.user
        : line === 'sessions'
          ? this.sess
          : line === 'crawlerIp'
            ? this.crawlIp
            : this.crawlSess;
    const arr = group[inst];
    if (arr && i < arr.length) arr[i] = value;
  }

  private sum(group: Float64Array[], inst: number, i: number): number {
    if (inst < this.instances) return (group[inst] as Float64Array)[i] as number;
    let s = 0;
    for (let k = 0; k < this.instances; k++) s += (group[k] as Float64Array)[i] as number;
    return s;
  }

  userAt(inst: number, i: number): number {
    return this.sum(this.user, inst, i);
  }

  sessionsAt(inst: number, i: number): number {
    return this.sum(this.sess, inst, i);
  }

  crawlerSessAt(inst: number, i: number): number {
    return this.sum(this.crawlSess, inst, i);
  }

  crawlerIpAt(inst: number, i: number): number {
    return (this.crawlIp[inst] as Float64Array)[i] as number;
  }
}

/** Which counter `GaugeLines.set` writes. */
export type GaugeLine = 'user' | 'sessions' | 'crawlerIp' | 'crawlerSessions';

export interface GaugeLinesWritable {
  /** Writes a modelled value at sample i (after `clear`), for chunks generated without visits. */
  set(line: GaugeLine, inst: number, i: number, value: number): void;
}
