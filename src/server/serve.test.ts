// The real listener: a server on 127.0.0.1 port 0 answers over the wire, and closes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../store/index.js';
import { serve } from './index.js';

test('serve() listens on 127.0.0.1:0, answers /healthz over HTTP, and closes', async () => {
  const store = await openStore(':memory:');
  try {
    const server = await serve(store, { host: '127.0.0.1', port: 0 });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await response.json(), { status: 'ok' });
    const missing = await fetch(`${server.url}/api/articles/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'E_NOT_FOUND');
    await server.close();
    await assert.rejects(fetch(`${server.url}/healthz`));
  } finally {
    await store.close();
  }
});

test('serve() rejects when the port is taken', async () => {
  const store = await openStore(':memory:');
  try {
    const first = await serve(store, { host: '127.0.0.1', port: 0 });
    await assert.rejects(serve(store, { host: '127.0.0.1', port: first.port }), (error: { code?: string; message?: string }) => error.code === 'E_USAGE' && /is in use/.test(error.message ?? ''));
    await first.close();
  } finally {
    await store.close();
  }
});
