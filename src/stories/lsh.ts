// LSH banding: a multimap from 32-bit band keys to story numbers, in typed arrays (a chained
// hash table), so a million stories cost a few hundred bytes each and no objects. A story's keys
// go in as one block of `width` entries (one per band), so an entry's story is its block's
// owner: one number per block rather than one per entry.
//
// Entries live in fixed-size chunks, each holding (key, next) pairs side by side: growing adds a
// chunk instead of copying every entry into an array a quarter larger, so a long-running poller
// never holds an old and a new copy of its largest arrays at once (nor leaves the old ones for
// the garbage collector to find), and a lookup reads one cache line per entry.

const INITIAL_BLOCKS = 256;
/** Entries per chunk (a power of two): 256 KiB of pairs. */
const CHUNK_BITS = 15;
const CHUNK_ENTRIES = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ENTRIES - 1;
/** Entries per head slot before the heads double: chains of about two, a quarter of the entries'
 * bytes. Four halved the heads but made candidate lookup 15% slower on 40,000 look-alikes. */
const HEADS_LOAD = 2;

export class BandTable {
  private heads: Int32Array;
  /** Entry e is at chunks[e >> CHUNK_BITS], offset 2 * (e & CHUNK_MASK): its key (as int32), then the next entry in its chain. */
  private readonly chunks: Int32Array[] = [];
  private owners = new Int32Array(INITIAL_BLOCKS);
  private size = 0;
  private blocks = 0;

  /** `width`: the keys per block (the number of bands). */
  constructor(private readonly width: number) {
    this.heads = new Int32Array(2 ** Math.ceil(Math.log2((INITIAL_BLOCKS * width) / HEADS_LOAD))).fill(-1);
  }

  /** Adds `story` under each of `keys` (its `width` band keys); duplicates are allowed, readers de-duplicate. */
  insertBlock(keys: Uint32Array, story: number): void {
    while (this.size + this.width > this.chunks.length * CHUNK_ENTRIES) this.chunks.push(new Int32Array(2 * CHUNK_ENTRIES));
    while (this.size + this.width > this.heads.length * HEADS_LOAD) this.rehash(this.heads.length * 2);
    if (this.blocks === this.owners.length) {
      const owners = new Int32Array(this.owners.length * 2);
      owners.set(this.owners);
      this.owners = owners;
    }
    this.owners[this.blocks++] = story;
    const mask = this.heads.length - 1;
    for (let i = 0; i < this.width; i++) {
      const entry = this.size++;
      const key = keys[i]! | 0;
      const slot = key & mask;
      const chunk = this.chunks[entry >> CHUNK_BITS]!;
      const at = (entry & CHUNK_MASK) << 1;
      chunk[at] = key;
      chunk[at + 1] = this.heads[slot]!;
      this.heads[slot] = entry;
    }
  }

  /**
   * Up to `limit` stories stored under `key`, newest first, written into `out` from `at`; returns
   * the new end. A plain loop rather than a callback: this is the index's hottest path.
   */
  collect(key: number, limit: number, out: Int32Array, at: number): number {
    const wanted = key | 0;
    let end = at;
    const stop = at + limit;
    for (let entry = this.heads[wanted & (this.heads.length - 1)]!; entry !== -1 && end < stop; ) {
      const chunk = this.chunks[entry >> CHUNK_BITS]!;
      const offset = (entry & CHUNK_MASK) << 1;
      if (chunk[offset] === wanted) out[end++] = this.owners[(entry / this.width) | 0]!;
      entry = chunk[offset + 1]!;
    }
    return end;
  }

  bytes(): number {
    return this.heads.byteLength + this.chunks.length * 8 * CHUNK_ENTRIES + this.owners.byteLength;
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots).fill(-1);
    const mask = slots - 1;
    for (let entry = 0; entry < this.size; entry++) {
      const chunk = this.chunks[entry >> CHUNK_BITS]!;
      const at = (entry & CHUNK_MASK) << 1;
      const slot = chunk[at]! & mask;
      chunk[at + 1] = this.heads[slot]!;
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
