// LSH banding: a multimap from 32-bit band keys to story numbers, in growable typed arrays
// (a chained hash table), so a million stories cost a few hundred bytes each and no objects.

const INITIAL_CAPACITY = 1 << 12;
/** Entries per head slot before the heads double: chains of about two, a quarter of the bytes. */
const HEADS_LOAD = 2;

export class BandTable {
  private heads = new Int32Array(INITIAL_CAPACITY / HEADS_LOAD).fill(-1);
  private keys = new Uint32Array(INITIAL_CAPACITY);
  private values = new Int32Array(INITIAL_CAPACITY);
  private next = new Int32Array(INITIAL_CAPACITY);
  private size = 0;

  /** Adds `value` under `key` (duplicates are allowed; readers de-duplicate). */
  insert(key: number, value: number): void {
    if (this.size === this.keys.length) this.growEntries();
    if (this.size >= this.heads.length * HEADS_LOAD) this.rehash(this.heads.length * 2);
    const entry = this.size++;
    const slot = key & (this.heads.length - 1);
    this.keys[entry] = key;
    this.values[entry] = value;
    this.next[entry] = this.heads[slot]!;
    this.heads[slot] = entry;
  }

  /**
   * Up to `limit` values stored under `key`, newest first, written into `out` from `at`; returns
   * the new end. A plain loop rather than a callback: this is the index's hottest path.
   */
  collect(key: number, limit: number, out: Int32Array, at: number): number {
    let end = at;
    const stop = at + limit;
    for (let entry = this.heads[key & (this.heads.length - 1)]!; entry !== -1 && end < stop; entry = this.next[entry]!) {
      if (this.keys[entry] === key) out[end++] = this.values[entry]!;
    }
    return end;
  }

  bytes(): number {
    return this.heads.byteLength + this.keys.byteLength + this.values.byteLength + this.next.byteLength;
  }

  /** Entry arrays grow by half, not double, so a million stories waste at most a third. */
  private growEntries(): void {
    const capacity = Math.ceil(this.keys.length * 1.5);
    const keys = new Uint32Array(capacity);
    keys.set(this.keys);
    const values = new Int32Array(capacity);
    values.set(this.values);
    const next = new Int32Array(capacity);
    next.set(this.next);
    this.keys = keys;
    this.values = values;
    this.next = next;
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots).fill(-1);
    const mask = slots - 1;
    for (let entry = 0; entry < this.size; entry++) {
      const slot = this.keys[entry]! & mask;
      this.next[entry] = this.heads[slot]!;
      this.heads[slot] = entry;
    }
  }
}

/** The key of band `band` (rows `band*rows .. band*rows+rows-1`) of a signature. */
export function bandKey(signature: Uint32Array, band: number, rows: number): number {
  let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
  const start = band * rows;
  for (let r = 0; r < rows; r++) {
    h = Math.imul(h ^ signature[start + r]!, 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
