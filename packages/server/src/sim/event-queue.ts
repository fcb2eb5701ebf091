/**
 * A time-ordered queue of scheduled simulator actions (next page view of a visit, next crawler hit,
 * next step of an incident). Ties are broken by insertion order so runs are reproducible.
 */

interface Entry {
  time: number;
  seq: number;
  run: (time: number) => void;
}

export class EventQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(time: number, run: (time: number) => void): void {
    const entry: Entry = { time, seq: this.seq++, run };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(entry, h[p] as Entry)) break;
      h[i] = h[p] as Entry;
      i = p;
    }
    h[i] = entry;
  }

  /** Runs every action scheduled before `until` in time order (actions may schedule more). */
  runUntil(until: number): void {
    while (this.heap.length > 0 && (this.heap[0] as Entry).time < until) {
      const top = this.pop();
      top.run(top.time);
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0] as Entry;
    const last = h.pop() as Entry;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < h.length && less(h[l] as Entry, best)) {
          m = l;
          best = h[l] as Entry;
        }
        if (r < h.length && less(h[r] as Entry, best)) m = r;
        if (m === i) break;
        h[i] = h[m] as Entry;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
