// The originals' signatures, kept as their low 8 bits (b-bit MinHash) in fixed-size chunks: a
// quarter of the memory of full minima and no object per story. Two different minima share their
// low 8 bits with probability 2^-8 (the shingle hashes are avalanched and a·x+b is a bijection
// mod 2^8), so the Jaccard estimate reads (1-J)/256 high: 0.003 at the lowest similarity that can
// join (0.25), against the estimate's own standard error of 0.04 with 128 permutations.

const STORIES_PER_CHUNK = 4096;

export class SignatureStore {
  private readonly chunks: Uint8Array[] = [];

  constructor(private readonly permutations: number) {}

  /** Stores `signature` (a fingerprint's low bytes) as story `story`'s. */
  set(story: number, signature: Uint8Array): void {
    const chunk = Math.floor(story / STORIES_PER_CHUNK);
    while (this.chunks.length <= chunk) this.chunks.push(new Uint8Array(STORIES_PER_CHUNK * this.permutations));
    const target = this.chunks[chunk]!;
    const base = (story % STORIES_PER_CHUNK) * this.permutations;
    target.set(signature.subarray(0, this.permutations), base);
  }

  /** The estimated Jaccard similarity of `signature` with story `story`'s stored one. */
  jaccard(story: number, signature: Uint8Array): number {
    const stored = this.chunks[Math.floor(story / STORIES_PER_CHUNK)]!;
    const base = (story % STORIES_PER_CHUNK) * this.permutations;
    let equal = 0;
    for (let p = 0; p < this.permutations; p++) if (stored[base + p] === signature[p]) equal++;
    return equal / this.permutations;
  }

  bytes(): number {
    return this.chunks.length * STORIES_PER_CHUNK * this.permutations;
  }
}
