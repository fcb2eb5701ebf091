/**
 * The in-memory sparse representation: the non-zero registers of a small sketch in an open-addressing
 * hash table of uint32 slots, each (index << 6) | value, 0 meaning empty. A quiet instance's 2-second
 * sketch holds a handful of users; this keeps it at a few hundred bytes instead of one byte per register,
 * and adds stay O(1). Register indices are hash bits, so `index & mask` spreads them evenly.
 */

const MIN_CAPACITY = 16;

export class SparseRegisters {
  table: Uint32Array;
  size = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.table = new Uint32Array(Math.max(MIN_CAPACITY, capacity));
  }

  /** Raises register `index` to `value`; returns true when it changed. */
  set(index: number, value: number): boolean {
    const table = this.table;
    const mask = table.length - 1;
    let slot = index & mask;
    for (;;) {
      const e = table[slot];
      if (e === 0) {
        table[slot] = (index << 6) | value;
        if (++this.size * 4 > table.length * 3) this.grow();
        return true;
      }
      if (e >>> 6 === index) {
        if ((e & 63) >= value) return false;
        table[slot] = (index << 6) | value;
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.set(old[i] >>> 6, old[i] & 63);
  }

  /** The entries sorted by register index, in a new array. */
  sorted(): Uint32Array {
    const out = new Uint32Array(this.size);
    let n = 0;
    const table = this.table;
    for (let i = 0; i < table.length; i++) if (table[i] !== 0) out[n++] = table[i];
    return out.sort();
  }

  copy(): SparseRegisters {
    const c = new SparseRegisters(this.table.length);
    c.table.set(this.table);
    c.size = this.size;
    return c;
  }
}
