// The figures of a text (amounts, percentages, counts, dates: every number token), keyed by the
// words around them, and the rule that decides whether two texts' figures agree.
//
// Agreement, two checks:
// 1. For every context (FIGURE_CONTEXT_BEFORE words before the number and FIGURE_CONTEXT_AFTER
//    after, numbers skipped) that occurs in BOTH texts, the set of numbers seen in that context in
//    one text holds the other's. So two earnings releases from one template ("revenue rose to 5.2
//    billion" / "revenue rose to 6.1 billion") disagree, while a copy that trimmed a paragraph (its
//    contexts, or some of the numbers sharing a context, are missing, not different) or added a
//    footer with a phone number or a year (contexts the original lacks) still agrees. A changed
//    word beside a number hides that number from this check rather than splitting the story.
// 2. Whatever the contexts, most of the distinct values of the text with fewer of them occur in
//    the other (FIGURE_VALUES_MIN, FIGURE_VALUES_SHARED): a look-alike whose numbers sit behind a
//    site's own words, so that no context lines up, still disagrees when its values differ.
import { FIGURE_CONTEXT_AFTER, FIGURE_CONTEXT_BEFORE, FIGURE_VALUES_MIN, FIGURE_VALUES_SHARED } from './rules.js';
import { fmix32 } from './minhash.js';
import { sortPrefix } from './sort.js';
import type { Tokens } from './text.js';

/** Sorted, de-duplicated pairs [context0, value0, context1, value1, ...]. */
export type Figures = Uint32Array;

const EMPTY: Figures = new Uint32Array(0);

export function figuresOf(tokens: Tokens): Figures {
  const { hashes, numeric, count } = tokens;
  const pairs: number[] = [];
  for (let i = 0; i < count; i++) {
    if (numeric[i] !== 1) continue;
    let context = 0x2545f491;
    let seen = 0;
    for (let j = i - 1; j >= 0 && seen < FIGURE_CONTEXT_BEFORE; j--) {
      if (numeric[j] === 1) continue;
      context = Math.imul(context ^ hashes[j]!, 0x01000193);
      seen++;
    }
    context = Math.imul(context ^ 0x7c, 0x01000193);
    seen = 0;
    for (let j = i + 1; j < count && seen < FIGURE_CONTEXT_AFTER; j++) {
      if (numeric[j] === 1) continue;
      context = Math.imul(context ^ hashes[j]!, 0x01000193);
      seen++;
    }
    pairs.push(fmix32(context), hashes[i]!);
  }
  if (pairs.length === 0) return EMPTY;
  const order: number[] = [];
  for (let k = 0; k < pairs.length; k += 2) order.push(k);
  order.sort((x, y) => pairs[x]! - pairs[y]! || pairs[x + 1]! - pairs[y + 1]!);
  const out: number[] = [];
  for (const k of order) {
    const n = out.length;
    if (n > 0 && out[n - 2] === pairs[k] && out[n - 1] === pairs[k + 1]) continue;
    out.push(pairs[k]!, pairs[k + 1]!);
  }
  return Uint32Array.from(out);
}

/** Whether the values of one run (pairs from..to, sorted) are all among the other run's. */
function nested(left: Figures, i: number, leftEnd: number, right: Figures, j: number, rightEnd: number): boolean {
  let leftOnly = false;
  let rightOnly = false;
  while (i < leftEnd && j < rightEnd) {
    const l = left[i + 1]!;
    const r = right[j + 1]!;
    if (l === r) {
      i += 2;
      j += 2;
    } else if (l < r) {
      leftOnly = true;
      i += 2;
    } else {
      rightOnly = true;
      j += 2;
    }
  }
  if (i < leftEnd) leftOnly = true;
  if (j < rightEnd) rightOnly = true;
  return !(leftOnly && rightOnly);
}

/** Scratch for the two texts' values, reused: a flood of look-alikes compares figures thousands of times a second. */
let leftValues = new Uint32Array(64);
let rightValues = new Uint32Array(64);

/** Writes the distinct values of `figures` into `into`, sorted; returns how many. */
function valuesInto(figures: Figures, into: Uint32Array): number {
  const count = figures.length >> 1;
  for (let k = 0; k < count; k++) into[k] = figures[2 * k + 1]!;
  sortPrefix(into, count);
  let n = 0;
  for (let k = 0; k < count; k++) if (k === 0 || into[k] !== into[k - 1]) into[n++] = into[k]!;
  return n;
}

/** Whether the plain values overlap enough (FIGURE_VALUES_MIN, FIGURE_VALUES_SHARED in rules.ts). */
function valuesOverlap(left: Figures, right: Figures): boolean {
  if (left.length < FIGURE_VALUES_MIN * 2 || right.length < FIGURE_VALUES_MIN * 2) return true;
  if (leftValues.length < left.length) leftValues = new Uint32Array(left.length);
  if (rightValues.length < right.length) rightValues = new Uint32Array(right.length);
  const a = leftValues;
  const b = rightValues;
  const aCount = valuesInto(left, a);
  const bCount = valuesInto(right, b);
  const fewer = Math.min(aCount, bCount);
  if (fewer < FIGURE_VALUES_MIN) return true;
  let shared = 0;
  for (let i = 0, j = 0; i < aCount && j < bCount; ) {
    if (a[i]! < b[j]!) i++;
    else if (b[j]! < a[i]!) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared >= fewer * FIGURE_VALUES_SHARED;
}

/**
 * Whether the figures agree: in every context present in both, one text's numbers hold the
 * other's, and the plain values overlap (most of the values of the text with fewer occur in the
 * other).
 */
export function figuresAgree(left: Figures, right: Figures): boolean {
  if (!valuesOverlap(left, right)) return false;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const cl = left[i]!;
    const cr = right[j]!;
    if (cl < cr) {
      i += 2;
      continue;
    }
    if (cr < cl) {
      j += 2;
      continue;
    }
    // Same context: one run of values (sorted) must hold the other (a trimmed copy lost some).
    let leftEnd = i;
    while (leftEnd < left.length && left[leftEnd] === cl) leftEnd += 2;
    let rightEnd = j;
    while (rightEnd < right.length && right[rightEnd] === cr) rightEnd += 2;
    if (!nested(left, i, leftEnd, right, j, rightEnd)) return false;
    i = leftEnd;
    j = rightEnd;
  }
  return true;
}
