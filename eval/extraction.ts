// `npm run eval:extraction`: main-content extraction on ../shared/corpora/extraction-dev with
// trafilatura's metric. Whitespace is collapsed in the extracted text; a `with` snippet found is
// a true positive, missing a false negative; a `without` snippet found is a false positive,
// missing a true negative; sums over the corpus give precision, recall, F1 and accuracy.
//
// Until the HTML extractor exists (issue 3) this measures the block-aware HTML-to-text
// converter that JSONL `html` fields go through: every page's whole text, boilerplate included.
// It is the baseline the extractor has to beat.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir } from '../bench/corpora.js';
import { decodeText, htmlToText } from '../src/formats/index.js';

interface Case {
  file: string;
  with?: string[];
  without?: string[];
}

/** Published figures on trafilatura's full evaluation set, for context (issue 3). */
const PEERS = [
  { name: 'trafilatura 2.2', precision: 0.906, recall: 0.943, f1: 0.924 },
  { name: 'readability-lxml', precision: null, recall: null, f1: 0.826 },
];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function main(): void {
  const dir = join(corporaDir, 'extraction-dev');
  const index = join(dir, 'evaldata.json');
  if (!existsSync(index)) {
    console.log(`skipped: ${index} not found (set DATELINE_CORPORA to the corpora folder)`);
    return;
  }
  const cases = Object.values(JSON.parse(readFileSync(index, 'utf8')) as Record<string, Case>);
  let tp = 0, fn = 0, fp = 0, tn = 0;
  let seconds = 0;
  for (const item of cases) {
    const bytes = readFileSync(join(dir, 'pages', item.file));
    const start = performance.now();
    const text = collapse(htmlToText(decodeText(bytes, { name: item.file }).text));
    seconds += (performance.now() - start) / 1000;
    for (const snippet of item.with ?? []) text.includes(collapse(snippet)) ? tp++ : fn++;
    for (const snippet of item.without ?? []) text.includes(collapse(snippet)) ? fp++ : tn++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  const accuracy = (tp + tn) / (tp + tn + fp + fn);
  const f = (n: number | null) => (n === null ? '  -  ' : n.toFixed(3));
  console.log(`extraction-dev: ${cases.length} pages, ${tp + fn} "with" and ${fp + tn} "without" snippets`);
  console.log(`${'extractor'.padEnd(34)}precision  recall  F1     accuracy  pages/s`);
  console.log(`${'dateline (HTML-to-text baseline)'.padEnd(34)}${f(precision)}      ${f(recall)}   ${f(f1)}  ${f(accuracy)}     ${Math.round(cases.length / seconds)}`);
  for (const peer of PEERS) console.log(`${`${peer.name} (published)`.padEnd(34)}${f(peer.precision)}      ${f(peer.recall)}   ${f(peer.f1)}`);
}

main();
