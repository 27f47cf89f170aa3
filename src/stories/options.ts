// The options of near-duplicate detection, defaulting to the constants of rules.ts.
import * as rules from './rules.js';

export interface StoryOptions {
  permutations: number;
  bands: number;
  rows: number;
  shingleSize: number;
  maxShingleTokens: number;
  minFuzzyWords: number;
  joinJaccard: number;
  joinContainment: number;
  containmentJaccardFloor: number;
  seed: number;
}

export const DEFAULT_STORY_OPTIONS: Readonly<StoryOptions> = Object.freeze({
  permutations: rules.PERMUTATIONS,
  bands: rules.BANDS,
  rows: rules.ROWS,
  shingleSize: rules.SHINGLE_SIZE,
  maxShingleTokens: rules.MAX_SHINGLE_TOKENS,
  minFuzzyWords: rules.MIN_FUZZY_WORDS,
  joinJaccard: rules.JOIN_JACCARD,
  joinContainment: rules.JOIN_CONTAINMENT,
  containmentJaccardFloor: rules.CONTAINMENT_JACCARD_FLOOR,
  seed: rules.PERMUTATION_SEED,
});

/** Fills the defaults and rejects combinations that cannot work. */
export function resolveOptions(options: Partial<StoryOptions> = {}): StoryOptions {
  const resolved = { ...DEFAULT_STORY_OPTIONS, ...options };
  if (resolved.permutations < 1 || resolved.bands * resolved.rows > resolved.permutations || resolved.shingleSize < 1) {
    throw new RangeError('stories: bands × rows must not exceed permutations, and all must be positive');
  }
  return resolved;
}
