// `npm run fixtures:update`: rewrite each test/fixtures/structure/<case>/expected.json with the
// structurer's current output, for the keys the file already has (a case's choice of what it
// checks is kept). Review the diff before committing: it is the change in behaviour.
// An optional argument names another fixtures folder.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structureWireText, type StructureHints } from '../src/structure/index.js';

const root = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/structure', import.meta.url));
if (!existsSync(root)) {
  console.error(`update-fixtures: ${root} not found`);
  process.exit(1);
}
let changed = 0;
let total = 0;
for (const entry of readdirSync(root, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const dir = join(root, entry.name);
  const inputPath = join(dir, 'input.txt');
  const expectedPath = join(dir, 'expected.json');
  if (!existsSync(inputPath) || !existsSync(expectedPath)) continue;
  total++;
  const before = readFileSync(expectedPath, 'utf8');
  const expected = JSON.parse(before) as Record<string, unknown>;
  const hintsPath = join(dir, 'hints.json');
  const hints = existsSync(hintsPath) ? (JSON.parse(readFileSync(hintsPath, 'utf8')) as StructureHints) : undefined;
  const got = structureWireText(readFileSync(inputPath, 'utf8'), hints) as unknown as Record<string, unknown>;
  const next: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) next[key] = key in got ? got[key] : expected[key];
  const after = `${JSON.stringify(next, null, 2)}\n`;
  if (after !== before) {
    writeFileSync(expectedPath, after);
    changed++;
    console.log(`updated ${entry.name}`);
  }
}
console.log(`update-fixtures: ${changed} of ${total} cases rewritten`);
