// Golden cases: test/fixtures/structure/<case>/{input.txt, expected.json}. Each key present in
// expected.json is compared with structureWireText's output; keys left out are not checked.
// Regenerate after an intended change with `npm run fixtures:update` and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structureWireText, type StructureHints } from './index.js';

const root = fileURLToPath(new URL('../../test/fixtures/structure', import.meta.url));
const cases = existsSync(root)
  ? readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'input.txt')) && existsSync(join(root, d.name, 'expected.json')))
      .map((d) => d.name)
      .sort()
  : [];

/** Optional hints for a case, from hints.json beside its input. */
function hintsFor(dir: string): StructureHints | undefined {
  const path = join(dir, 'hints.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as StructureHints) : undefined;
}

test('golden fixtures exist', (t) => {
  if (cases.length === 0) t.skip(`no cases under ${root}`);
});

for (const name of cases) {
  test(`golden: ${name}`, () => {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
    const got = structureWireText(readFileSync(join(dir, 'input.txt'), 'utf8'), hintsFor(dir)) as unknown as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      assert.deepEqual(got[key], expected[key], `${name}: ${key}`);
    }
  });
}
