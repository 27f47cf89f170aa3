// A benchmark's result: a titled table and its notes, printed to the console and written to
// BENCHMARKS.md.

export interface BenchSection {
  title: string;
  /** Markdown table rows, first row the header. */
  rows: string[][];
  notes: string[];
}

export function printSection(section: BenchSection): void {
  console.log(`\n${section.title}`);
  // Each column as wide as its widest cell, so long figures never run into the next column.
  const widths = (section.rows[0] ?? []).map((_, i) => Math.max(...section.rows.map((row) => (row[i] ?? '').length)) + 2);
  for (const row of section.rows) console.log('  ' + row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('').trimEnd());
  for (const note of section.notes) console.log(`  - ${note}`);
}

/** A count or rate as the tables print it: rounded, thousands separated. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en');
