// `dateline poll` without --once keeps polling until told to stop; SIGTERM lets the source in
// flight finish and commit, then exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { binary, repoRoot, scratch } from './helpers.js';

/** Runs the binary without blocking the event loop; resolves with its exit and output. */
function start(args: string[]) {
  const child = spawn(process.execPath, [binary, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

test('SIGTERM stops a running poller after the source in flight is stored', async (t) => {
  const db = join(scratch(t), 'd.db');
  // The page request is held open until the poller has been told to stop.
  let held: ServerResponse | null = null;
  let onRequest: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (onRequest = resolve));
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.end('User-agent: *\nAllow: /\n');
    held = res;
    onRequest();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  assert.equal((await start(['sources', 'add', `${base}/pier`, '--kind', 'page', '--db', db]).done).code, 0);
  const poller = start(['poll', '--db', db, '--delay', '0', '--allow-private', '127.0.0.0/8']);
  await requested;
  poller.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const response = held as ServerResponse | null;
  response!.setHeader('content-type', 'text/html');
  response!.end('<html><head><title>Pier lights</title></head><body><article><h1>Pier lights</h1><p>The pier lights were replaced with warmer lamps on Tuesday, after complaints from residents along the front.</p></article></body></html>');

  const { code, stdout, stderr } = await poller.done;
  assert.equal(code, 0, stderr);
  assert.match(stderr, /stopping/);
  assert.match(stdout, /1 new or updated/);
  const found = await start(['search', 'pier', '--db', db, '--json']).done;
  assert.equal(found.stdout.trim().split('\n').length, 1, 'the article of the source in flight was stored');
});
