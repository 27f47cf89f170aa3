// LSH banding: a multimap from 32-bit band keys to story numbers, in growable typed arrays
// (a chained hash table), so a million stories cost a few hundred bytes each and no objects.
// A story's keys go in as one block of `width` entries (one per band), so an entry's story is
// its block's owner: one number per block rather than one per entry.

const INITIAL_BLOCKS = 256;
/** Entries per head slot before the heads double: chains of about two, a quarter of the entries'
 * bytes. Four halved the heads but made candidate lookup 15% slower on 40,000 look-alikes. */
const HEADS_LOAD = 2;

export class BandTable {
  private heads: Int32Array;
  private keys: Uint32Array;
  private next: Int32Array;
  private owners = new Int32Array(INITIAL_BLOCKS);
  private size = 0;
  private blocks = 0;

  /** `width`: the keys per block (the number of bands). */
  constructor(private readonly width: number) {
    this.keys = new Uint32Array(INITIAL_BLOCKS * width);
    this.next = new Int32Array(INITIAL_BLOCKS * width);
    this.heads = new Int32Array(2 ** Math.ceil(Math.log2((INITIAL_BLOCKS * width) / HEADS_LOAD))).fill(-1);
  }

  /** Adds `story` under each of `keys` (its `width` band keys); duplicates are allowed, readers de-duplicate. */
  insertBlock(keys: Uint32Array, story: number): void {
    if (this.size + this.width > this.keys.length) this.growEntries();
    while (this.size + this.width > this.heads.length * HEADS_LOAD) this.rehash(this.heads.length * 2);
    this.owners[this.blocks++] = story;
    const mask = this.heads.length - 1;
    for (let i = 0; i < this.width; i++) {
      const entry = this.size++;
      const key = keys[i]!;
      const slot = key & mask;
      this.keys[entry] = key;
      this.next[entry] = this.heads[slot]!;
      this.heads[slot] = entry;
    }
  }

  /**
   * Up to `limit` stories stored under `key`, newest first, written into `out` from `at`; returns
   * the new end. A plain loop rather than a callback: this is the index's hottest path.
   */
  collect(key: number, limit: number, out: Int32Array, at: number): number {
    let end = at;
    const stop = at + limit;
    for (let entry = this.heads[key & (this.heads.length - 1)]!; entry !== -1 && end < stop; entry = this.next[entry]!) {
      if (this.keys[entry] === key) out[end++] = this.owners[Math.floor(entry / this.width)]!;
    }
    return end;
  }

  bytes(): number {
    return this.heads.byteLength + this.keys.byteLength + this.next.byteLength + this.owners.byteLength;
  }

  /** Entry arrays grow by a quarter, not double, so a million stories waste at most a fifth. */
  private growEntries(): void {
    const blocks = Math.ceil(this.owners.length * 1.25);
    const keys = new Uint32Array(blocks * this.width);
    keys.set(this.keys);
    const next = new Int32Array(blocks * this.width);
    next.set(this.next);
    const owners = new Int32Array(blocks);
    owners.set(this.owners);
    this.keys = keys;
    this.next = next;
    this.owners = owners;
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

/** The key of band `band` (rows `band*rows .. band*rows+rows-1`) of a signature's low bytes. */
export function bandKey(signature: Uint8Array, band: number, rows: number): number {
  let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
  const start = band * rows;
  for (let r = 0; r < rows; r++) {
    h = Math.imul(h ^ signature[start + r]!, 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
