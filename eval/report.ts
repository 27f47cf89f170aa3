// The shape every evaluation returns, so eval/index.ts can print them as one table.

export interface EvalRow {
  /** What is measured, e.g. "Reuters TRAIN dateline place". */
  metric: string;
  correct: number;
  total: number;
  /** The figure to reach, as a fraction (0.98), when there is one. */
  target?: number;
}

export interface EvalReport {
  name: string;
  /** Set when the corpus is absent: one line saying what was not found. */
  skipped?: string;
  rows: EvalRow[];
  /** The worst failures, one readable line each (expected vs got). */
  failures: string[];
  /** Anything else worth printing (selection rules, counts). */
  notes: string[];
}

export function accuracy(row: EvalRow): number {
  return row.total === 0 ? 0 : row.correct / row.total;
}
