// `dateline tokens` and `dateline serve` as a user runs them: a token made on the command line
// writes through the served API, and SIGINT stops the server with exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { binary, dateline, jsonLines, repoRoot, scratch, spawn } from './helpers.js';

test('tokens create, list and revoke', (t) => {
  const db = join(scratch(t), 'd.db');
  const made = dateline(['tokens', 'create', '--scope', 'write', '--name', 'cms', '--db', db, '--json']);
  assert.equal(made.status, 0, made.stderr);
  const token = JSON.parse(made.stdout) as { token: string; id: string; scope: string };
  assert.equal(token.scope, 'write');
  const listed = dateline(['tokens', 'list', '--db', db, '--json']);
  assert.deepEqual(jsonLines(listed.stdout).map((row) => [row.id, row.name, row.revokedAt]), [[token.id, 'cms', null]]);
  assert.ok(!listed.stdout.includes(token.token));
  assert.equal(dateline(['tokens', 'revoke', token.id, '--db', db]).status, 0);
  assert.equal(dateline(['tokens', 'revoke', token.id, '--db', db]).status, 1);
  assert.equal(dateline(['tokens', 'create', '--scope', 'admin', '--db', db]).status, 2);
});

test('serve prints its URL, takes a write with a CLI-made token, and stops on SIGINT', async (t) => {
  const db = join(scratch(t), 'd.db');
  const { token } = JSON.parse(dateline(['tokens', 'create', '--scope', 'write', '--db', db, '--json']).stdout) as { token: string };
  const child = spawn(process.execPath, [binary, 'serve', '--port', '0', '--db', db, '--json'], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('close', () => reject(new Error(`serve exited: ${stderr}`)));
  });
  const { url, readers } = JSON.parse(line) as { url: string; readers: number };
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(readers >= 1, 'reads are answered by reader threads');
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  const posted = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
    body: 'LONDON, May 2, 2024 /PRNewswire/ -- Tidal turbines off the pier will power the harbour lights from June.\n',
  });
  assert.equal(posted.status, 201);
  const hits = (await (await fetch(`${url}/api/search?q=turbines`)).json()) as { hits: unknown[] };
  assert.equal(hits.hits.length, 1);
  child.kill('SIGINT');
  assert.equal(await exited, 0, stderr);
  assert.equal(dateline(['serve', '--readers', 'many', '--db', db]).status, 2);
});
