// Runs every *.test.ts under src/, test/, bench/ and eval/ through tsx with node's test runner.
// Node 20's --test does not expand ** globs, so the files are listed here, and the run fails
// if the runner reports fewer test files than exist.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = ['src', 'test'];
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative('.', path));
  }
}
roots.forEach(walk);
files.sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error(`run-tests: no test files found (looked under ${roots.join(', ')})`);
  process.exit(1);
}

mkdirSync('.tmp', { recursive: true });
const reportedPath = join('.tmp', `reported-test-files-${process.pid}.txt`);
rmSync(reportedPath, { force: true });
const child = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/files-reporter.mjs', `--test-reporter-destination=${reportedPath}`,
    ...selected,
  ],
  { stdio: 'inherit' },
);
child.on('close', (code) => {
  const reported = new Set(
    readFileSync(reportedPath, 'utf8').split('\n').filter(Boolean).map((f) => relative('.', f)),
  );
  rmSync(reportedPath, { force: true });
  const missing = selected.filter((f) => !reported.has(f));
  if (missing.length > 0) {
    console.error(`run-tests: ${missing.length} of ${selected.length} test files reported no results: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.error(`run-tests: all ${selected.length} test files reported results`);
  process.exit(code ?? 1);
});
