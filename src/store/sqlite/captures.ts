// Capture rows: content-addressed raw bytes with provenance, their parse outcome and how many
// articles they should hold. SQL for the captures table lives here and only here.
import type { Capture } from '../../core/index.js';
import type { CaptureRecord, CaptureState, FailedCapture } from '../store.js';
import type { Db } from './database.js';

interface CaptureRow {
  id: string;
  url: string;
  fetched_at: string;
  status: number | null;
  headers: string;
  content_type: string | null;
  size: number;
  bytes: Buffer;
}

interface StateRow {
  id: string;
  expected_articles: number | null;
  error_code: string | null;
  error_message: string | null;
  stored: number;
}

/** captureIds() reads this many ids per query, so no statement stays open across awaits. */
const ID_PAGE = 1000;

export class CaptureTable {
  private readonly insert;
  private readonly insertBytes;
  private readonly exists;
  private readonly state;
  private readonly failed;
  private readonly idPage;
  private readonly byId;
  private readonly setOutcome;
  private readonly setExpected;

  constructor(db: Db) {
    // ON CONFLICT DO NOTHING, not INSERT OR IGNORE: only a duplicate id is ignored, while a
    // NOT NULL violation still fails loudly.
    this.insert = db.prepare(`INSERT INTO captures
      (id, url, fetched_at, status, headers, content_type, size, format, encoding,
       error_code, error_message, expected_articles)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.insertBytes = db.prepare('INSERT INTO capture_bytes (id, bytes) VALUES (?, ?)');
    this.exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM captures WHERE id = ?');
    this.state = db.prepare<[string], StateRow>(`SELECT c.id, c.expected_articles, c.error_code, c.error_message,
      (SELECT count(*) FROM articles a WHERE a.capture_id = c.id) AS stored
      FROM captures c WHERE c.id = ?`);
    this.failed = db.prepare<[], { id: string; url: string; error_code: string; error_message: string | null }>(
      'SELECT id, url, error_code, error_message FROM captures WHERE error_code IS NOT NULL ORDER BY seq',
    );
    this.idPage = db.prepare<[number, number], { seq: number; id: string }>(
      'SELECT seq, id FROM captures WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.byId = db.prepare<[string], CaptureRow>(`SELECT c.id, c.url, c.fetched_at, c.status, c.headers, c.content_type,
      c.size, b.bytes FROM captures c JOIN capture_bytes b ON b.id = c.id WHERE c.id = ?`);
    this.setExpected = db.prepare('UPDATE captures SET expected_articles = ? WHERE id = ?');
    this.setOutcome = db.prepare(
      'UPDATE captures SET error_code = ?, error_message = ?, expected_articles = ? WHERE id = ?',
    );
  }

  /** True when the row was created now, false when the capture was already stored. */
  write(record: CaptureRecord): boolean {
    const c = record.capture;
    const info = this.insert.run(
      c.id,
      c.url,
      c.fetchedAt,
      c.status,
      JSON.stringify(c.headers),
      c.contentType,
      c.size,
      record.format,
      record.encoding,
      record.error?.code ?? null,
      record.error?.message ?? null,
      record.expectedArticles,
    );
    if (info.changes === 0) return false;
    this.insertBytes.run(c.id, record.bytes);
    return true;
  }

  has(id: string): boolean {
    return this.exists.get(id) !== undefined;
  }

  setParseOutcome(id: string, error: CaptureRecord['error'], expectedArticles: number): void {
    this.setOutcome.run(error?.code ?? null, error?.message ?? null, expectedArticles, id);
  }

  setExpectedArticles(id: string, expectedArticles: number): void {
    this.setExpected.run(expectedArticles, id);
  }

  stateOf(id: string): CaptureState | null {
    const row = this.state.get(id);
    if (!row) return null;
    return {
      id: row.id,
      storedArticles: row.stored,
      expectedArticles: row.expected_articles,
      complete: row.expected_articles !== null && row.stored >= row.expected_articles,
      error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    };
  }

  failedList(): FailedCapture[] {
    return this.failed.all().map((row) => ({
      id: row.id,
      url: row.url,
      error: { code: row.error_code, message: row.error_message ?? '' },
    }));
  }

  /** One page of ids after `afterSeq`, oldest first, with the seq to continue from. */
  idsAfter(afterSeq: number): { ids: string[]; last: number } {
    const rows = this.idPage.all(afterSeq, ID_PAGE);
    return { ids: rows.map((row) => row.id), last: rows.length ? rows[rows.length - 1]!.seq : afterSeq };
  }

  get(id: string): { capture: Capture; bytes: Uint8Array } | null {
    const row = this.byId.get(id);
    if (!row) return null;
    return {
      capture: {
        id: row.id,
        sha256: row.id,
        url: row.url,
        fetchedAt: row.fetched_at,
        status: row.status,
        headers: JSON.parse(row.headers) as Record<string, string>,
        contentType: row.content_type,
        size: row.size,
      },
      // A plain Uint8Array view, not node's Buffer subclass, so callers compare it as data.
      bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
    };
  }
}
