// Sorting the short typed arrays matching works with (a dozen candidates, a text's figures) on
// every add, without allocating: a typed array's own sort copies it first, which over a flood of
// look-alikes was most of what matching allocated.

/** Up to this many values are sorted by insertion; longer runs (rare) by the built-in sort. */
const INSERTION_SORT_MAX = 48;

/** Sorts `values[0..count)` ascending, in place. */
export function sortPrefix(values: Int32Array | Uint32Array, count: number): void {
  if (count > INSERTION_SORT_MAX) {
    values.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const value = values[i]!;
    let j = i - 1;
    for (; j >= 0 && values[j]! > value; j--) values[j + 1] = values[j]!;
    values[j + 1] = value;
  }
}
