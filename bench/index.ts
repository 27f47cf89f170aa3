// `npm run bench`: speed and memory, each beside a baseline measured in the same run, written
// to BENCHMARKS.md. BENCH_SCALE=full adds the larger scales.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './corpora.js';
import { benchApi } from './api.js';
import { benchExtraction } from './extraction.js';
import { benchFolder } from './folder.js';
import { benchIngest } from './ingest.js';
import { benchPolling } from './polling.js';
import { benchStories } from './stories.js';

import { printSection, type BenchSection } from './section.js';

export type { BenchSection } from './section.js';

const scale = process.env.BENCH_SCALE === 'full' ? 'full' : 'default';
const started = Date.now();
const sections: BenchSection[] = [];
for (const bench of [benchIngest, benchFolder, benchExtraction, benchPolling, benchStories, benchApi]) {
  const section = await bench(scale);
  if (section) {
    sections.push(section);
    printSection(section);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` (scale: ${scale}) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Each figure stands beside a baseline measured in the same run.`,
  '',
];
const body = sections.flatMap((s) => [`## ${s.title}`, '', ...table(s.rows), '', ...s.notes.map((n) => `- ${n}`), '']);
if (sections.length > 0) writeFileSync(join(repoRoot, 'BENCHMARKS.md'), [...header, ...body].join('\n'));
console.log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s${sections.length ? '; figures written to BENCHMARKS.md' : ''}`);

function table(rows: string[][]): string[] {
  const [head, ...rest] = rows;
  if (!head) return [];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rest.map((r) => `| ${r.join(' | ')} |`)];
}

