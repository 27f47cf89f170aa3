// API tokens: made here (`dateline tokens create`), checked here (every request that carries
// one). A token is `dl_<id>_<secret>`: the id names its row, the secret is 256 random bits. Only
// the SHA-256 of the whole token is stored; a fast hash is enough for a secret that cannot be
// guessed, and comparing hashes in constant time leaks nothing about either.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiToken, Store, TokenScope } from '../store/index.js';

const TOKEN_PATTERN = /^dl_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** Compared against when a token names no row, so unknown ids take as long as wrong secrets. */
const NO_HASH = new Uint8Array(32);

const hashOf = (token: string): Uint8Array => createHash('sha256').update(token, 'utf8').digest();

/**
 * Makes a token and stores its hash; the token is returned this once and never again.
 * @example const { token } = await createToken(store, { scope: 'write', name: 'newsroom CMS' });
 */
export async function createToken(
  store: Store,
  request: { scope: TokenScope; name?: string | null },
  now: Date = new Date(),
): Promise<{ token: string; info: ApiToken }> {
  const id = randomBytes(6).toString('hex');
  const token = `dl_${id}_${randomBytes(32).toString('base64url')}`;
  const info: ApiToken = { id, name: request.name ?? null, scope: request.scope, createdAt: now.toISOString(), revokedAt: null };
  await store.addToken({ ...info, hash: hashOf(token) });
  return { token, info };
}

/** The token's record when it is one we made and did not revoke; null otherwise. */
export async function verifyToken(store: Store, presented: string): Promise<ApiToken | null> {
  const match = TOKEN_PATTERN.exec(presented);
  if (!match) return null;
  const stored = await store.getToken(match[1]!);
  const same = timingSafeEqual(hashOf(presented), stored?.hash ?? NO_HASH);
  if (!stored || !same || stored.revokedAt !== null) return null;
  const { hash: _hash, ...info } = stored;
  return info;
}

/** Whether a token of scope `has` may do what needs `needs`: write includes read. */
export function allows(has: TokenScope, needs: TokenScope): boolean {
  return has === 'write' || needs === 'read';
}
