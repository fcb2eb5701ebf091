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
  /** Each key's leading bytes as little-endian 32-bit words (its last `length % 4` bytes not included). */
  private readonly words: Int32Array[];
  /** Key indexes by UTF-8 byte length. */
  private readonly byLength: number[][] = [];

  constructor(keys: Iterable<string>) {
    this.keys = [...new Set(keys)];
    this.bytes = this.keys.map((k) => Buffer.from(k, 'utf8'));
    this.words = this.bytes.map((b) => {
      const w = new Int32Array(b.length >> 2);
      for (let i = 0; i < w.length; i++) w[i] = b.readInt32LE(i * 4);
      return w;
    });
    this.keys.forEach((k, i) => {
      this.index.set(k, i);
      (this.byLength[this.bytes[i].length] ??= []).push(i);
    });
  }

  /** Slot of `key`, or -1. */
  indexOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /**
   * Slot of the key whose UTF-8 bytes are `buf[start, start + len)`, or -1; `view` is a DataView
   * over the same bytes as `buf`, which compares four bytes at a time (most of the keys are wanted,
   * so most comparisons run the whole key).
   */
  match(buf: Uint8Array, view: DataView, start: number, len: number): number {
    const candidates = this.byLength[len];
    // A key running past the body is no key (the reader's skip then fails on it).
    if (candidates === undefined || start + len > buf.length) return -1;
    const tail = len & ~3;
    for (const i of candidates) {
      const key = this.bytes[i];
      // From the end: keys of one length mostly share their prefix (`http.`, `db.`).
      let j = len - 1;
      while (j >= tail && key[j] === buf[start + j]) j--;
      if (j >= tail) continue;
      const words = this.words[i];
      let w = words.length - 1;
      while (w >= 0 && words[w] === view.getInt32(start + 4 * w, true)) w--;
      if (w < 0) return i;
    }
    return -1;
  }
}

/** A string value still in the body: UTF-8 bytes `[start, end)`, decoded when first read. */
export class WireText {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

/**
 * Attributes kept in a table's slots (absent = undefined). String values may stay in the body until
 * read (most spans never read some of the kept keys); `detach` decodes them so the body can go.
 */
export class SlotAttributes implements AttributeLookup {
  readonly slots: (AttrValue | WireText | undefined)[];

  constructor(
    readonly table: AttributeKeyTable,
    private body: Buffer | undefined,
  ) {
    this.slots = new Array<AttrValue | WireText | undefined>(table.keys.length);
  }

  get(key: string): AttrValue | undefined {
    const i = this.table.indexOf(key);
    return i < 0 ? undefined : this.at(i);
  }

  private at(i: number): AttrValue | undefined {
    const v = this.slots[i];
    if (!(v instanceof WireText)) return v;
    const text = this.body!.toString('utf8', v.start, v.end);
    this.slots[i] = text;
    return text;
  }

  /** Decodes what is still in the body and lets the body go (for spans kept past the request). */
  detach(): void {
    if (this.body === undefined) return;
    for (let i = 0; i < this.slots.length; i++) this.at(i);
    this.body = undefined;
  }
}
