// `npm run demo`: the main job on a fresh machine. Ingests the sample set in samples/ into a
// fresh SQLite database and runs a few commands, printing each with its output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const db = '.tmp/demo.db';
mkdirSync('.tmp', { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const steps = [
  ['ingest', 'samples/inbox', '--db', db],
  ['ingest', 'samples/inbox', '--db', db],
  ['stats', '--db', db, '--top', '5'],
  ['search', '"port expansion"', '--db', db, '--limit', '3'],
  ['search', 'semiconductor -Acme', '--db', db, '--limit', '3'],
  ['search', 'wire:"Business Wire" OR wire:GlobeNewswire', '--db', db, '--limit', '3'],
  ['search', 'lang:es', '--db', db, '--limit', '3'],
  ['search', '北京', '--db', db, '--limit', '3'],
  ['search', 'electric ferries', '--db', db, '--limit', '3'],
  ['search', '(unbalanced', '--db', db],
  ['stories', '--db', db, '--limit', '3'],
];

let failed = 0;
for (const args of steps) {
  process.stdout.write(`\n$ dateline ${args.map((a) => (/[\s"()]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  const result = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  const expectFailure = args[1] === '(unbalanced';
  if ((result.status !== 0) !== expectFailure) failed++;
  if (expectFailure) process.stdout.write(`(exit ${result.status})\n`);
}
// Show the first hit of a search in full, by its id.
const first = spawnSync(process.execPath, ['dist/cli/main.js', 'search', 'dengue wire:"PR Newswire" lang:en', '--db', db, '--limit', '1', '--json'], { encoding: 'utf8' });
const id = first.stdout ? JSON.parse(first.stdout.split('\n')[0]).id : null;
if (id) {
  process.stdout.write(`\n$ dateline show ${id} --db ${db}\n`);
  const shown = spawnSync(process.execPath, ['dist/cli/main.js', 'show', id, '--db', db], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  process.stdout.write(shown.stdout.split('\n').slice(0, 14).join('\n') + '\n  ...\n');
}
// The largest story's pickup timeline: the wire release and the trade site that republished it.
const largest = spawnSync(process.execPath, ['dist/cli/main.js', 'stories', '--db', db, '--limit', '1', '--json'], { encoding: 'utf8' });
const storyId = largest.stdout ? JSON.parse(largest.stdout.split('\n')[0]).id : null;
if (storyId) {
  for (const extra of [[], ['--csv']]) {
    process.stdout.write(`\n$ dateline story ${storyId} --db ${db}${extra.length ? ` ${extra.join(' ')}` : ''}\n`);
    const story = spawnSync(process.execPath, ['dist/cli/main.js', 'story', storyId, '--db', db, ...extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    process.stdout.write(story.stdout + story.stderr);
    if (story.status !== 0) failed++;
  }
} else failed++;
if (failed > 0) {
  process.stderr.write(`demo: ${failed} step(s) did not behave as expected\n`);
  process.exit(1);
}
