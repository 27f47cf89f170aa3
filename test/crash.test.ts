// Crash safety: kill a real `dateline ingest` with SIGKILL once its progress shows it midway
// through a large capture, then check the database is sound and a rerun completes the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { binary, dateline, scratch, spawn } from './helpers.js';

const STORIES = 40_000;
const CITIES = ['LONDON', 'NEW YORK', 'TOKYO', 'CHICAGO', 'PARIS', 'SYDNEY', 'TORONTO', 'FRANKFURT'];
const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June'];
const GOODS = ['wheat', 'copper', 'coffee', 'crude oil', 'sugar', 'cotton', 'gold', 'soybeans'];

/** A Reuters-style archive of invented stories, one capture holding many articles. */
function archive(): string {
  const parts: string[] = [];
  for (let i = 0; i < STORIES; i++) {
    const good = GOODS[i % GOODS.length]!;
    const city = CITIES[(i * 7) % CITIES.length]!;
    const month = MONTHS[i % MONTHS.length]!;
    parts.push(
      `<REUTERS TOPICS="YES" NEWID="${i + 1}">\n<DATE>${String((i % 28) + 1).padStart(2, '0')}-MAR-1987 10:00:00.00</DATE>\n` +
        `<TOPICS><D>${good.replace(' ', '-')}</D></TOPICS>\n<TEXT>\n<TITLE>${good.toUpperCase()} TRADERS REPORT LOT ${i}</TITLE>\n` +
        `<DATELINE>    ${city}, ${month} ${(i % 28) + 1} - </DATELINE><BODY>Traders said lot ${i} of ${good} changed hands at ${100 + (i % 900)} dlrs,\n` +
        `up ${i % 17} pct from the previous session, with shipment due in ${month}.\n    Dealers expect steady demand for ${good} next week.\n Reuter\n</BODY></TEXT>\n</REUTERS>\n`,
    );
  }
  return parts.join('');
}

test('an ingest killed midway leaves a sound database, and rerunning it completes the set', async (t) => {
  const dir = scratch(t);
  const input = join(dir, 'archive.sgm');
  const db = join(dir, 'crash.db');
  writeFileSync(input, archive());

  const child = spawn(process.execPath, [binary, 'ingest', input, '--db', db, '--progress', 'lines'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let killedAt = -1;
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      // Midway: past the first two transactions and short of the whole archive.
      const m = /articles (\d+)\//.exec(line);
      if (m && killedAt < 0 && Number(m[1]) >= STORIES / 4 && Number(m[1]) < STORIES) {
        killedAt = Number(m[1]);
        child.kill('SIGKILL');
      }
    }
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
  assert.equal(signal, 'SIGKILL', 'the ingest was killed, not finished');
  assert.ok(killedAt > 0 && killedAt < STORIES, `killed midway (at ${killedAt} of ${STORIES})`);

  const sqlite = new Database(db);
  assert.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok');
  const orphans = sqlite.prepare('SELECT count(*) AS n FROM articles WHERE capture_id NOT IN (SELECT id FROM captures)').get() as { n: number };
  assert.equal(orphans.n, 0, 'no article without its capture');
  const stored = (sqlite.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  assert.ok(stored >= killedAt && stored < STORIES, `partial set stored (${stored})`);
  sqlite.close();

  const rerun = dateline(['ingest', input, '--db', db, '--json']);
  assert.equal(rerun.status, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout);
  assert.equal(summary.captures.resumed, 1);
  assert.equal(summary.articles.added, STORIES - stored);
  const stats = JSON.parse(dateline(['stats', '--db', db, '--json']).stdout);
  assert.equal(stats.articles, STORIES);
});
