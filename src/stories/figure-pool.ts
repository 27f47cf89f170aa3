// The originals' figures in one growable buffer with an offset and a length per story: a million
// stories as a million small Uint32Arrays cost about 200 bytes each in object headers alone.
import type { Figures } from './figures.js';

export class FigurePool {
  private data = new Uint32Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);

  /** Sets story `story`'s figures (a re-set appends: the old words are not reused, which is rare). */
  set(story: number, figures: Figures): void {
    if (story >= this.starts.length) {
      const size = Math.max(story + 1, this.starts.length * 2);
      this.starts = grown(this.starts, size);
      this.lengths = grown(this.lengths, size);
    }
    if (this.used + figures.length > this.data.length) {
      const data = new Uint32Array(Math.max(this.used + figures.length, Math.ceil(this.data.length * 1.5)));
      data.set(this.data.subarray(0, this.used));
      this.data = data;
    }
    this.data.set(figures, this.used);
    this.starts[story] = this.used;
    this.lengths[story] = figures.length;
    this.used += figures.length;
  }

  /** Story `story`'s figures, a view valid until the next set(). */
  get(story: number): Figures {
    const start = this.starts[story]!;
    return this.data.subarray(start, start + this.lengths[story]!);
  }

  bytes(): number {
    return this.data.byteLength + this.starts.byteLength + this.lengths.byteLength;
  }
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}
