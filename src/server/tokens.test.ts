// Tokens: shown once, stored as a hash, checked whole, refused once revoked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openStore } from '../store/index.js';
import { createToken, verifyToken } from './index.js';

test('a token is stored only as its SHA-256 and verifies until revoked', async () => {
  const store = await openStore(':memory:');
  try {
    const { token, info } = await createToken(store, { scope: 'read', name: 'desk' }, new Date('2024-06-01T00:00:00Z'));
    assert.match(token, /^dl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.ok(token.startsWith(`dl_${info.id}_`));
    assert.deepEqual(info, { id: info.id, name: 'desk', scope: 'read', createdAt: '2024-06-01T00:00:00.000Z', revokedAt: null });
    const stored = await store.getToken(info.id);
    assert.deepEqual([...stored!.hash], [...createHash('sha256').update(token).digest()]);
    assert.ok(!JSON.stringify(await store.listTokens()).includes(token.slice(16)));
    assert.deepEqual(await verifyToken(store, token), info);
    // Wrong secret, unknown id, wrong shape.
    assert.equal(await verifyToken(store, token.slice(0, -2) + (token.endsWith('aa') ? 'bb' : 'aa')), null);
    assert.equal(await verifyToken(store, `dl_000000000000_${token.slice(16)}`), null);
    assert.equal(await verifyToken(store, token + 'x'), null);
    assert.equal(await verifyToken(store, ''), null);
    await store.revokeToken(info.id, '2024-06-02T00:00:00Z');
    assert.equal(await verifyToken(store, token), null);
  } finally {
    await store.close();
  }
});

test('two tokens never share an id or a secret', async () => {
  const store = await openStore(':memory:');
  try {
    const made = await Promise.all(Array.from({ length: 50 }, () => createToken(store, { scope: 'write' })));
    assert.equal(new Set(made.map((m) => m.token)).size, 50);
    assert.equal(new Set(made.map((m) => m.info.id)).size, 50);
  } finally {
    await store.close();
  }
});
