/**
 * A set of non-overlapping text spans with O(log n) overlap queries, so masking a multi-megabyte log
 * stays linear-ish instead of comparing every candidate with every other one.
 */

export interface Span {
  start: number;
  end: number;
}

export class SpanSet {
  private readonly spans: Span[] = [];

  /** Index of the first span whose end is after `pos`. */
  private firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(s: Span): boolean {
    const i = this.firstEndingAfter(s.start);
    return i < this.spans.length && this.spans[i].start < s.end;
  }

  /** Adds a span, merging it with any it overlaps (the set only answers "is this covered?"). */
  add(s: Span): void {
    const i = this.firstEndingAfter(s.start);
    let j = i;
    let start = s.start;
    let end = s.end;
    while (j < this.spans.length && this.spans[j].start <= end) {
      start = Math.min(start, this.spans[j].start);
      end = Math.max(end, this.spans[j].end);
      j++;
    }
    this.spans.splice(i, j - i, { start, end });
  }
}
