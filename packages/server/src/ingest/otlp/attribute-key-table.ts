/**
 * A fixed set of attribute keys matched against the raw UTF-8 bytes of a key in a protobuf body, so
 * the fast trace reader makes no string for the keys it skips (most of a span's attributes), and
 * the attributes it keeps, in slots by key: a lookup with no per-span Map.
 */
import type { AttributeLookup } from './otlp-attributes.js';
import type { AttrValue } from './otlp-schema.js';

export class AttributeKeyTable {
  readonly keys: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly bytes: Buffer[];
  /** Key indexes by UTF-8 byte length. */
  private readonly byLength: number[][] = [];

  constructor(keys: Iterable<string>) {
    this.keys = [...new Set(keys)];
    this.bytes = this.keys.map((k) => Buffer.from(k, 'utf8'));
    this.keys.forEach((k, i) => {
      this.index.set(k, i);
      (this.byLength[this.bytes[i].length] ??= []).push(i);
    });
  }

  /** Slot of `key`, or -1. */
  indexOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** Slot of the key whose UTF-8 bytes are `buf[start, start + len)`, or -1. */
  match(buf: Uint8Array, start: number, len: number): number {
    const candidates = this.byLength[len];
    if (candidates === undefined) return -1;
    for (const i of candidates) {
      const key = this.bytes[i];
      // From the end: keys of one length mostly share their prefix (`http.`, `db.`).
      let j = len - 1;
      while (j >= 0 && key[j] === buf[start + j]) j--;
      if (j < 0) return i;
    }
    return -1;
  }
}

/** Attributes kept in a table's slots (absent = undefined). */
export class SlotAttributes implements AttributeLookup {
  readonly slots: (AttrValue | undefined)[];

  constructor(readonly table: AttributeKeyTable) {
    this.slots = new Array<AttrValue | undefined>(table.keys.length);
  }

  get(key: string): AttrValue | undefined {
    const i = this.table.indexOf(key);
    return i < 0 ? undefined : this.slots[i];
  }
}
