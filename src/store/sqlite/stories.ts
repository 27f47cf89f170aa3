// Stories: the stories table and articles.story_id, written through a StoryAssigner inside the
// caller's transaction. Every founding or change of original bumps `changed`, one value per
// write transaction, so an assigner in another process catches up on exactly what it missed.
import { instantOf } from '../../core/index.js';
import type { StoryAssigner, StoryCandidate, StoryListOptions, StorySummary } from '../store.js';
import type { Db } from './database.js';

/** latest_ms when no member has a published time: before every real time (migrations.ts). */
const NO_TIME = -1e15;

/** Stories read per page when catching up or listing. */
const PAGE = 2000;

/** A keyset page's parameters: after (value, seq), published since, this many. */
interface KeysetParams {
  value: number;
  seq: number;
  since: number;
  limit: number;
}

interface StoryRow {
  seq: number;
  id: string;
  original_id: string;
  size: number;
  latest_ms: number;
}

export interface StoryInputRow {
  seq: number;
  id: string;
  title: string | null;
  text: string;
  published: string | null;
}

interface MemberRow {
  story_id: string;
  id: string;
  url: string | null;
  source: string | null;
  json: string;
  published: string | null;
}

export class StoryTable {
  private readonly insert;
  private readonly grow;
  private readonly reoriginate;
  private readonly setStoryOf;
  private readonly lastChange;
  private readonly markRebuilt;
  private readonly changedAfter;
  private readonly bySize;
  private readonly byLatest;
  private readonly membersOf;
  private readonly byId;
  private readonly count;
  private readonly unassigned;
  private readonly articlesAfter;

  /** The change number this transaction writes with; null outside a writing transaction. */
  private change: number | null = null;
  /** Whether this transaction wrote with it (else the assigner has seen only change - 1). */
  private wrote = false;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO stories (id, original_id, size, latest_ms, changed, key) VALUES (?, ?, 1, ?, ?, ?)');
    this.grow = db.prepare('UPDATE stories SET size = size + 1, latest_ms = max(latest_ms, ?) WHERE id = ?');
    this.reoriginate = db.prepare('UPDATE stories SET original_id = ?, key = ?, changed = ? WHERE id = ?');
    this.setStoryOf = db.prepare('UPDATE articles SET story_id = ? WHERE seq = ?');
    this.lastChange = db.prepare<[], { last: number | null; rebuilt: number }>(
      'SELECT max((SELECT max(changed) FROM stories), at) AS last, at AS rebuilt FROM story_rebuilds',
    );
    this.markRebuilt = db.prepare('UPDATE story_rebuilds SET at = ?');
    // Keyset pages by (changed, seq): one write can change far more stories than a page holds.
    // A row value, so the index is sought: the same condition written with an OR was scanned
    // from the index's start for every page, and catching up on a million stories took 30 s.
    this.changedAfter = db.prepare<[number, number, number], { seq: number; id: string; original_id: string; key: Buffer; changed: number }>(
      'SELECT seq, id, original_id, key, changed FROM stories WHERE (changed, seq) > (?, ?) ORDER BY changed, seq LIMIT ?',
    );
    // Keyset pages in (size or latest_ms) DESC, seq order, so listing a million stories costs one
    // index walk. The order mixes directions, so a page is two seeks: the rest of the stories at
    // the last page's value, then those below it (one condition with an OR scanned the index
    // from its start, or sorted every story it matched, for every page).
    const columns = 'seq, id, original_id, size, latest_ms';
    const keyset = (column: string) =>
      db.prepare<[KeysetParams], StoryRow>(`SELECT ${columns} FROM (
          SELECT * FROM (SELECT ${columns} FROM stories WHERE ${column} = @value AND seq > @seq AND latest_ms >= @since ORDER BY seq LIMIT @limit)
          UNION ALL
          SELECT * FROM (SELECT ${columns} FROM stories WHERE ${column} < @value AND latest_ms >= @since ORDER BY ${column} DESC, seq LIMIT @limit))
        ORDER BY ${column} DESC, seq LIMIT @limit`);
    this.bySize = keyset('size');
    this.byLatest = keyset('latest_ms');
    this.membersOf = db.prepare<[string], MemberRow>(
      'SELECT story_id, id, url, source, json, published FROM articles WHERE story_id = ? ORDER BY seq',
    );
    this.byId = db.prepare<[string], StoryRow>(`SELECT ${columns} FROM stories WHERE id = ?`);
    this.count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stories');
    this.unassigned = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles WHERE story_id IS NULL');
    this.articlesAfter = db.prepare<[number, number], StoryInputRow>(
      'SELECT seq, id, title, text, published FROM articles WHERE seq > ? ORDER BY seq LIMIT ?',
    );
  }

  /**
   * Brings `assigner` up to date with the stories written since it last looked, and fixes the
   * change number this transaction will write with. Call first inside each writing transaction.
   */
  begin(assigner: StoryAssigner): void {
    const { last, rebuilt } = this.lastChange.get()!;
    // Stories were rebuilt since it looked: what it holds may name stories that are gone.
    if (rebuilt > assigner.seen) assigner.forget();
    if (last !== null && last > assigner.seen) {
      for (let cursor = this.nextPage(assigner, null); cursor; cursor = this.nextPage(assigner, cursor));
      assigner.catchUp([], last);
    }
    this.change = (last ?? 0) + 1;
    this.wrote = false;
  }

  /**
   * One page of what begin() catches up on, for a caller outside any transaction (warmStories):
   * from the start (null) or after the page that ended at `from`; null once there is no more.
   */
  catchUpPage(assigner: StoryAssigner, from: StoryCursor | null): StoryCursor | null {
    if (from === null && this.lastChange.get()!.rebuilt > assigner.seen) assigner.forget();
    return this.nextPage(assigner, from);
  }

  /** Gives the assigner the next page of stories it has not seen; where the page ended, or null. */
  private nextPage(assigner: StoryAssigner, from: StoryCursor | null): StoryCursor | null {
    const changed = from?.value ?? assigner.seen;
    const rows = this.changedAfter.all(changed, from?.seq ?? Number.MAX_SAFE_INTEGER, PAGE);
    if (rows.length === 0) return null;
    const last = rows[rows.length - 1]!;
    // A page may end inside a change: what the assigner has seen all of is the change before.
    assigner.catchUp(rows.map((row) => ({ id: row.id, originalId: row.original_id, key: row.key })), last.changed - 1);
    return { value: last.changed, seq: last.seq };
  }

  /** After the transaction committed: the assigner has seen its own writes. */
  committed(assigner: StoryAssigner): void {
    if (this.change !== null && this.wrote) assigner.catchUp([], this.change);
    this.change = null;
  }

  /** After a rollback: what the assigner learnt in the transaction is void. */
  rolledBack(assigner: StoryAssigner): void {
    assigner.forget();
    this.change = null;
  }

  /** Places an article being stored in its story (its row's story_id is the caller's to write); returns the story id. */
  place(assigner: StoryAssigner, article: StoryCandidate): string {
    if (this.change === null) throw new Error('stories: place() outside a writing transaction');
    const assignment = assigner.assign(article);
    const publishedMs = instantOf(article.published);
    this.wrote ||= assignment.key !== null;
    if (assignment.founded) {
      this.insert.run(assignment.storyId, assignment.originalId, publishedMs ?? NO_TIME, this.change, assignment.key);
    } else {
      this.grow.run(publishedMs ?? NO_TIME, assignment.storyId);
      if (assignment.key) this.reoriginate.run(assignment.originalId, assignment.key, this.change, assignment.storyId);
    }
    return assignment.storyId;
  }

  /** Sets a stored article's story (restory). */
  setStory(seq: number, storyId: string): void {
    this.setStoryOf.run(storyId, seq);
  }

  /**
   * Empties every story (restory), in the caller's transaction. Change numbers go on from where
   * they were, and the rebuild is marked at the next one, so other writers know to start over.
   */
  clear(): void {
    const last = this.lastChange.get()!.last ?? 0;
    this.db.prepare('UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL').run();
    this.db.prepare('DELETE FROM stories').run();
    this.markRebuilt.run(last + 1);
  }

  /** Every article in the order first stored, a page at a time (a statement cannot stay open while others run). */
  *articlesInOrder(): Generator<StoryInputRow> {
    for (let after = 0; ; ) {
      const rows = this.articlesAfter.all(after, PAGE);
      if (rows.length === 0) return;
      yield* rows;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** A page of stories after `cursor` in the order asked for, with their members. */
  page(options: StoryListOptions, cursor: StoryCursor | null, size: number): { stories: StorySummary[]; cursor: StoryCursor | null } {
    const since = instantOf(options.since) ?? NO_TIME;
    const params = { seq: cursor?.seq ?? 0, since, limit: size };
    const rows =
      options.order === 'recent'
        ? this.byLatest.all({ ...params, value: cursor?.value ?? 9e18 })
        : this.bySize.all({ ...params, value: cursor?.value ?? Number.MAX_SAFE_INTEGER });
    const stories = rows.map((row) => summaryOf(row, this.membersOf.all(row.id)));
    const last = rows[rows.length - 1];
    const next = last ? { value: options.order === 'recent' ? last.latest_ms : last.size, seq: last.seq } : null;
    return { stories, cursor: next };
  }

  get(id: string): { id: string; originalId: string; memberIds: string[] } | null {
    const row = this.byId.get(id);
    if (!row) return null;
    return { id: row.id, originalId: row.original_id, memberIds: this.membersOf.all(id).map((member) => member.id) };
  }

  stats(): { stories: number; articlesWithoutStory: number } {
    return { stories: this.count.get()!.n, articlesWithoutStory: this.unassigned.get()!.n };
  }
}

export interface StoryCursor {
  value: number;
  seq: number;
}

function summaryOf(row: StoryRow, members: MemberRow[]): StorySummary {
  return {
    id: row.id,
    originalId: row.original_id,
    size: row.size,
    latest: row.latest_ms === NO_TIME ? null : new Date(row.latest_ms).toISOString(),
    articles: members.map((member) => ({
      id: member.id,
      url: member.url,
      source: member.source,
      siteName: siteNameOf(member.json),
      published: member.published,
    })),
  };
}

/** The siteName kept in an article's JSON (it has no column of its own). */
function siteNameOf(json: string): string | null {
  const value = (JSON.parse(json) as { siteName?: unknown }).siteName;
  return typeof value === 'string' ? value : null;
}
