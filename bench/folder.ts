// Ingest of a folder of small files, the way a newsroom's inbox looks: Reuters TRAIN stories
// written one to a file, beside the same texts inserted straight into FTS5 in the same run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCapture } from '../src/formats/index.js';
import { BATCH_CAPTURES } from '../src/ingest/batch.js';
import { corpusFile } from './corpora.js';
import type { BenchSection } from './index.js';
import { type IngestRun, baselineInsert, dataDir, fmt, ingestWithLibrary, median, removeDatabase } from './ingest.js';

const FILES = { default: 5000, full: 15000 } as const;
const RUNS = 3;

export async function benchFolder(scale: 'default' | 'full'): Promise<BenchSection | null> {
  const path = corpusFile('reuters21578/reuters-train.sgm', 'the folder benchmark');
  if (!path) return null;
  const drafts = parseCapture(readFileSync(path), { name: path }).drafts.slice(0, FILES[scale]);
  const folder = join(dataDir, 'folder');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  drafts.forEach((draft, i) => writeFileSync(join(folder, `${String(i).padStart(5, '0')}.txt`), draft.text));
  const texts = drafts.map((d) => ({ title: d.known.title ?? '', text: d.text }));

  const dbPath = join(dataDir, 'folder.db');
  const rounds: Array<{ baseline: number; run: IngestRun }> = [];
  for (let round = 0; round < RUNS; round++) {
    const baseline = baselineInsert(texts, 1);
    removeDatabase(dbPath);
    rounds.push({ baseline, run: ingestWithLibrary([folder], dbPath) });
  }
  const rate = median(rounds.map((r) => r.run.rate));
  const baseline = median(rounds.map((r) => r.baseline));
  const ratio = median(rounds.map((r) => r.run.rate / r.baseline));
  return {
    title: `Ingest of a folder: ${drafts.length.toLocaleString('en')} stories, one a file`,
    rows: [
      ['measure', 'dateline', 'baseline', 'ratio'],
      ['ingest, files/s', fmt(rate), `${fmt(baseline)} (raw FTS5 insert, one transaction)`, ratio.toFixed(2)],
    ],
    notes: [
      `ingest(): each file read, hashed, stored as its own capture, parsed, structured, language detected and indexed; small captures are written ${BATCH_CAPTURES} to a transaction; medians of ${RUNS} rounds`,
    ],
  };
}
