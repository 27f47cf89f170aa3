// Facets and attention over time for any query: how many matching articles each wire, source,
// place and language has, and a histogram of their published dates by day, week or month. One
// pass over the matches (the same compiled query search runs), counted here: one MATCH, not one
// per facet.
import type { Query } from '../../core/index.js';
import type { CountRow, Facets, FacetOptions } from '../store.js';
import { compileQuery } from './compile-query.js';
import type { Db } from './database.js';

/** Rows per facet unless the caller asks for another number. */
const DEFAULT_FACET_ROWS = 10;

interface FacetRow {
  wire: string | null;
  source: string | null;
  place: string | null;
  lang: string | null;
  day: string | null;
}

export class FacetReader {
  constructor(private readonly db: Db) {}

  read(query: Query, options: FacetOptions): Facets {
    const compiled = compileQuery(query.root);
    const columns = 'a.wire AS wire, a.source AS source, a.place AS place, a.lang AS lang, substr(a.published, 1, 10) AS day';
    const driver = compiled.driver;
    const sql = driver
      ? `SELECT ${columns} FROM ${driver.index} JOIN articles a ON a.seq = ${driver.index}.rowid
         WHERE ${[`${driver.index} MATCH ?`, ...compiled.where].join(' AND ')}`
      : `SELECT ${columns} FROM articles a WHERE ${compiled.where.join(' AND ') || '1'}`;
    const params = driver ? [driver.match, ...compiled.params] : compiled.params;
    const counts = { wire: new Map<string | null, number>(), source: new Map<string | null, number>(), place: new Map<string | null, number>(), lang: new Map<string | null, number>() };
    const histogram = new Map<string, number>();
    let total = 0;
    const bucketOf = bucketer(options.interval ?? 'month');
    for (const row of this.db.prepare<unknown[], FacetRow>(sql).iterate(...params)) {
      total++;
      bump(counts.wire, row.wire);
      bump(counts.source, row.source);
      bump(counts.place, row.place);
      bump(counts.lang, row.lang);
      const bucket = row.day && /^\d{4}-\d{2}-\d{2}$/.test(row.day) ? bucketOf(row.day) : null;
      if (bucket) histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
    }
    const top = options.limit ?? DEFAULT_FACET_ROWS;
    return {
      total,
      byWire: ranked(counts.wire, top),
      bySource: ranked(counts.source, top),
      byPlace: ranked(counts.place, top),
      byLanguage: ranked(counts.lang, top),
      interval: options.interval ?? 'month',
      histogram: [...histogram].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => ({ key, count })),
    };
  }
}

function bump(map: Map<string | null, number>, key: string | null): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most frequent first, then by key; at most `top`. */
function ranked(map: Map<string | null, number>, top: number): CountRow[] {
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)))
    .slice(0, top);
}

/** The bucket of a `YYYY-MM-DD` day: itself, the Monday of its ISO week, or `YYYY-MM`. */
function bucketer(interval: 'day' | 'week' | 'month'): (day: string) => string {
  if (interval === 'day') return (day) => day;
  if (interval === 'month') return (day) => day.slice(0, 7);
  return (day) => {
    const date = new Date(`${day}T00:00:00Z`);
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
  };
}
