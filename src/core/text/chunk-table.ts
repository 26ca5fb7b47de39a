/**
 * @module core/text/chunk-table
 * The tokenizer's cache of terms per raw chunk, as an open-addressing hash table keyed by a span of the
 * text being scanned. A `Map<string, …>` needs the chunk sliced out as a new string and hashed again
 * for every word of every article; here the scanner hashes the chunk as it reads it (FNV-1a over UTF-16
 * code units) and a hit is confirmed by comparing code units in place, so a hit allocates nothing.
 * Grows by doubling when more than 60% full (linear probing stays short there), up to `limit` entries,
 * then starts over empty (as the Map version cleared).
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: mix a UTF-16 code unit into `hash`. */
export function mixHash(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

export class ChunkTable<V> {
  private mask: number;
  private keys: (string | undefined)[];
  private hashes: Int32Array;
  private values: (V | undefined)[];
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly initialBits = 12,
  ) {
    const slots = 1 << initialBits;
    this.mask = slots - 1;
    this.keys = new Array(slots).fill(undefined);
    this.hashes = new Int32Array(slots);
    this.values = new Array(slots).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `text.slice(start, end)`, whose hash (from `mixHash`) is `hash`. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return undefined;
      if (this.hashes[slot] === hash && key.length === length && sameSpan(key, text, start)) {
        return this.values[slot];
      }
    }
  }

  /** Stores `value` for `key` (not already present), whose hash is `hash`. */
  set(key: string, hash: number, value: V): void {
    if (this.count >= this.limit) this.reset(this.initialBits);
    else if ((this.count + 1) * 5 > this.keys.length * 3) this.grow();
    this.place(key, hash, value);
    this.count++;
  }

  private place(key: string, hash: number, value: V): void {
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, hashes, values, count } = this;
    this.reset(Math.log2(keys.length) + 1);
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot];
      if (key !== undefined) this.place(key, hashes[slot] as number, values[slot] as V);
    }
    this.count = count;
  }

  private reset(bits: number): void {
    const slots = 1 << bits;
    this.mask = slots - 1;
    this.keys = new Array(slots).fill(undefined);
    this.hashes = new Int32Array(slots);
    this.values = new Array(slots).fill(undefined);
    this.count = 0;
  }
}

function sameSpan(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}
