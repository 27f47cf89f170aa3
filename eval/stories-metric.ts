// Clustering quality, as pure functions of two labelings of the same items: pairwise precision,
// recall and F1 (pairs placed together vs pairs truly together) and B-cubed (per item, how much
// of its predicted cluster is its true cluster and the reverse, averaged).

export interface ClusterScores {
  pairwise: { precision: number; recall: number; f1: number; predictedPairs: number; truePairs: number; correctPairs: number };
  bcubed: { precision: number; recall: number; f1: number };
  items: number;
  predictedClusters: number;
  trueClusters: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function sizes(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/**
 * Scores `predicted` against `truth`, both one cluster id per item in the same order. With no
 * pair predicted (or none true) the pairwise precision (recall) is 1: nothing claimed, nothing wrong.
 *
 * @example scoreClustering(['a', 'a', 'b'], ['x', 'x', 'y']).pairwise.f1 === 1
 */
export function scoreClustering(predicted: readonly string[], truth: readonly string[]): ClusterScores {
  if (predicted.length !== truth.length) throw new Error(`eval:stories: ${predicted.length} predictions for ${truth.length} items`);
  const predictedSizes = sizes(predicted);
  const trueSizes = sizes(truth);
  const cells = sizes(predicted.map((p, i) => `${p}\u0000${truth[i] as string}`));
  let correctPairs = 0;
  for (const n of cells.values()) correctPairs += pairs(n);
  let predictedPairs = 0;
  for (const n of predictedSizes.values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of trueSizes.values()) truePairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;

  let bPrecision = 0;
  let bRecall = 0;
  predicted.forEach((p, i) => {
    const t = truth[i] as string;
    const overlap = cells.get(`${p}\u0000${t}`) as number;
    bPrecision += overlap / (predictedSizes.get(p) as number);
    bRecall += overlap / (trueSizes.get(t) as number);
  });
  const items = predicted.length;
  const bp = items === 0 ? 1 : bPrecision / items;
  const br = items === 0 ? 1 : bRecall / items;
  return {
    pairwise: { precision, recall, f1: f1(precision, recall), predictedPairs, truePairs, correctPairs },
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    items,
    predictedClusters: predictedSizes.size,
    trueClusters: trueSizes.size,
  };
}

/** Throws unless the metric behaves on hand-worked cases; run at the start of every eval. */
export function checkMetric(): void {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
  const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
  const perfect = scoreClustering(['x', 'x', 'x', 'y', 'y', 'z'], truth);
  const allApart = scoreClustering(['1', '2', '3', '4', '5', '6'], truth);
  const allTogether = scoreClustering(['x', 'x', 'x', 'x', 'x', 'x'], truth);
  // One wrong move: item 3 (a 'b') joins the 'a' cluster. Pairs: predicted {0,1,2,3}=6 + {4}=0 + {5}=0;
  // correct 3 of them; true pairs 3 + 1 = 4. B-cubed precision: (3/4*3 + 1/4 + 1 + 1)/6.
  const oneWrong = scoreClustering(['x', 'x', 'x', 'x', 'y', 'z'], truth);
  const ok =
    near(perfect.pairwise.f1, 1) && near(perfect.bcubed.f1, 1) &&
    near(allApart.pairwise.precision, 1) && near(allApart.pairwise.recall, 0) && near(allApart.bcubed.precision, 1) &&
    near(allTogether.pairwise.recall, 1) && near(allTogether.pairwise.precision, 4 / 15) && near(allTogether.bcubed.recall, 1) &&
    near(oneWrong.pairwise.precision, 3 / 6) && near(oneWrong.pairwise.recall, 3 / 4) &&
    near(oneWrong.bcubed.precision, (9 / 4 + 1 / 4 + 2) / 6) && near(oneWrong.bcubed.recall, (3 + 1 / 2 + 1 / 2 + 1) / 6);
  if (!ok) throw new Error('eval:stories: the metric self-check failed (scoreClustering is wrong)');
}
