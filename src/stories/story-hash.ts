// A hash set of story numbers found by a key the caller keeps (a story's id, its original's
// exact hash): open addressing over one Int32Array, so a million stories cost 8 to 16 bytes each
// where a Map cost about 80. Several stories may share a hash; find() asks the caller which matches.

const EMPTY = -1;

export class StoryHash {
  private slots = new Int32Array(1024).fill(EMPTY);
  private hashes = new Int32Array(1024);
  private count = 0;

  /** The first story stored under `hash` that `matches`, or -1. */
  find(hash: number, matches: (story: number) => boolean): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const story = this.slots[slot]!;
      if (story === EMPTY) return -1;
      if (this.hashes[slot] === (hash | 0) && matches(story)) return story;
    }
  }

  add(hash: number, story: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    this.put(hash | 0, story);
    this.count++;
  }

  bytes(): number {
    return this.slots.byteLength + this.hashes.byteLength;
  }

  private put(hash: number, story: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = story;
    this.hashes[slot] = hash;
  }

  private resize(size: number): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(size);
    for (let i = 0; i < slots.length; i++) if (slots[i] !== EMPTY) this.put(hashes[i]!, slots[i]!);
  }
}

/** A 32-bit hash of a string (FNV-1a over UTF-16 code units, avalanched). */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** A 32-bit hash of a 53-bit exact-text hash. */
export function exactHash(exact: number): number {
  const low = exact % 0x100000000;
  return Math.imul(low ^ Math.floor(exact / 0x100000000), 0x9e3779b1) ^ (low >>> 15);
}
