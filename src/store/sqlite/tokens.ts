// API tokens: a public id, a scope and the SHA-256 of the token. The secret itself is never
// stored, so a copy of the database lets no one call the API.
import type { ApiToken, StoredToken, TokenScope } from '../store.js';
import type { Db } from './database.js';

interface TokenRow {
  id: string;
  name: string | null;
  scope: TokenScope;
  hash: Buffer;
  created_at: string;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, scope, hash, created_at, revoked_at';

export class TokenTable {
  private readonly insert;
  private readonly byId;
  private readonly all;
  private readonly revoke;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO tokens (id, name, scope, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare<[string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE id = ?`);
    this.all = db.prepare<[], TokenRow>(`SELECT ${COLUMNS} FROM tokens ORDER BY seq`);
    this.revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  add(token: StoredToken): void {
    this.insert.run(token.id, token.name, token.scope, Buffer.from(token.hash), token.createdAt, token.revokedAt);
  }

  get(id: string): StoredToken | null {
    const row = this.byId.get(id);
    return row ? { ...listed(row), hash: new Uint8Array(row.hash) } : null;
  }

  list(): ApiToken[] {
    return this.all.all().map(listed);
  }

  revokeAt(id: string, revokedAt: string): boolean {
    return this.revoke.run(revokedAt, id).changes > 0;
  }
}

function listed(row: TokenRow): ApiToken {
  return { id: row.id, name: row.name, scope: row.scope, createdAt: row.created_at, revokedAt: row.revoked_at };
}
