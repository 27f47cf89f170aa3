// `npm run fixtures:update`: rewrite the golden fixtures' expected.json with the current output.
// Review the diff before committing: it is the change in behaviour.
// - test/fixtures/structure/<case>/: the structurer's output, for the keys the file already has
//   (a case's choice of what it checks is kept).
// - test/fixtures/extraction/<case>/: extractHtml's output, every field the harness compares
//   (EXTRACTION_FIELDS); a new case needs only its input.html. Cases the test lists in KNOWN_FAILURES hold a hand-corrected answer
//   that the extractor does not give yet: they are left alone, or the bug would be blessed.
// An optional argument names another structure fixtures folder; only that folder is updated.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml, type ExtractOptions } from '../src/formats/html/index.js';
import { structureWireText, type StructureHints } from '../src/structure/index.js';

/** The ExtractedPage fields an extraction fixture holds, in the order they are written (as in extract.test.ts). */
const EXTRACTION_FIELDS = [
  'title', 'published', 'modified', 'byline', 'siteName', 'canonicalUrl', 'language', 'description', 'image', 'paragraphs', 'html',
] as const;

const fixtures = (folder: string) => fileURLToPath(new URL(`../test/fixtures/${folder}`, import.meta.url));
const EXTRACTION_TEST = fileURLToPath(new URL('../src/formats/html/extract.test.ts', import.meta.url));

/** The case folders under root that have `input` (and expected.json, when `expected` says so). */
function casesIn(root: string, input: string, expected: boolean): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, input)) && (!expected || existsSync(join(root, d.name, 'expected.json'))))
    .map((d) => d.name)
    .sort();
}

/** Writes `next` as expected.json when it differs; true when it did. */
function rewrite(dir: string, next: unknown): boolean {
  const path = join(dir, 'expected.json');
  const after = `${JSON.stringify(next, null, 2)}\n`;
  if (existsSync(path) && after === readFileSync(path, 'utf8')) return false;
  writeFileSync(path, after);
  return true;
}

function updateStructure(root: string): void {
  let changed = 0;
  const cases = casesIn(root, 'input.txt', true);
  for (const name of cases) {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
    const hintsPath = join(dir, 'hints.json');
    const hints = existsSync(hintsPath) ? (JSON.parse(readFileSync(hintsPath, 'utf8')) as StructureHints) : undefined;
    const got = structureWireText(readFileSync(join(dir, 'input.txt'), 'utf8'), hints) as unknown as Record<string, unknown>;
    const next: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) next[key] = key in got ? got[key] : expected[key];
    if (rewrite(dir, next)) {
      changed++;
      console.log(`updated structure/${name}`);
    }
  }
  console.log(`update-fixtures: structure: ${changed} of ${cases.length} cases rewritten`);
}

/**
 * The case names in the test's `KNOWN_FAILURES = { 'case': 'reason', ... }`. Read from its text:
 * importing a node:test file would run the suite.
 */
function knownExtractionFailures(): Set<string> {
  const source = existsSync(EXTRACTION_TEST) ? readFileSync(EXTRACTION_TEST, 'utf8') : '';
  const list = /KNOWN_FAILURES[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
  return new Set([...list.matchAll(/^\s*'([^']+)'\s*:/gm)].map((m) => m[1]!));
}

function updateExtraction(root: string): void {
  const known = knownExtractionFailures();
  let changed = 0;
  const cases = casesIn(root, 'input.html', false);
  for (const name of cases) {
    if (known.has(name)) {
      console.log(`kept extraction/${name}: a known failure, its expected.json is hand-corrected`);
      continue;
    }
    const dir = join(root, name);
    const optionsPath = join(dir, 'options.json');
    const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ExtractOptions) : {};
    const got = extractHtml(readFileSync(join(dir, 'input.html'), 'utf8'), options);
    const next = Object.fromEntries(EXTRACTION_FIELDS.map((field) => [field, got[field]]));
    if (rewrite(dir, next)) {
      changed++;
      console.log(`updated extraction/${name}`);
    }
  }
  console.log(`update-fixtures: extraction: ${changed} of ${cases.length} cases rewritten (${known.size} known failures kept)`);
}

const only = process.argv[2];
const structureRoot = only ?? fixtures('structure');
if (!existsSync(structureRoot)) {
  console.error(`update-fixtures: ${structureRoot} not found`);
  process.exit(1);
}
updateStructure(structureRoot);
if (!only) updateExtraction(fixtures('extraction'));
