// End to end through the built binary: what a user types and what they get back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleSchema } from '../src/core/schemas.js';
import { dateline, jsonLines, scratch } from './helpers.js';

const PRN_RELEASE = `Acme Microsystems Opens Second Chip Plant in Ohio

News provided by
Acme Microsystems Inc.

Mar 05, 2024, 08:30 ET

Share this article

COLUMBUS, Ohio, March 5, 2024 /PRNewswire/ -- Acme Microsystems Inc. (NYSE: ACMI) today opened its second semiconductor plant in central Ohio, adding 600 jobs over three years.

The plant will make power-management chips for electric buses and farm machinery, the company said.

"Demand from fleet operators has doubled since 2022," said Dana Whitfield, chief executive of Acme Microsystems.

About Acme Microsystems

Acme Microsystems designs and builds power chips for vehicles and industrial equipment.

SOURCE Acme Microsystems Inc.
`;

const BW_RELEASE = `Harbor Logistics Announces Port Expansion in Savannah

SAVANNAH, Ga.--(BUSINESS WIRE)--Harbor Logistics Corp. (NASDAQ: HRBL) said today it will spend $410 million on a port expansion in Savannah, adding two berths and twelve cranes.

Work on the first berth begins in June and should finish late next year, the company said.

Contacts
Media: Lena Ortiz, press@harbor-logistics.example, +1 912 555 0142
`;

const ES_RELEASE = `Vinícola del Sur presenta su nueva cosecha

MADRID, 5 de marzo de 2024 /PRNewswire/ -- Vinícola del Sur anunció hoy el lanzamiento de su cosecha de 2023, elaborada con uvas de viñedos de altura en la provincia de Granada.

La bodega prevé exportar el cuarenta por ciento de la producción a mercados de Asia y América del Norte durante este año.

FUENTE Vinícola del Sur
`;

function sampleFolder(dir: string): string {
  const folder = join(dir, 'in');
  mkdirSync(folder);
  writeFileSync(join(folder, 'acme.txt'), PRN_RELEASE);
  writeFileSync(join(folder, 'harbor.txt'), BW_RELEASE);
  writeFileSync(join(folder, 'vinicola.txt'), ES_RELEASE);
  return folder;
}

test('parse --json prints one structured article per input', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  const result = dateline(['parse', folder, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const articles = jsonLines(result.stdout);
  assert.equal(articles.length, 3);
  for (const { input: _input, format: _format, encoding: _encoding, ...article } of articles) {
    ArticleSchema.strict().parse(article); // exactly the model's fields, each of its type
  }
  const acme = articles.find((a) => String(a.input).endsWith('acme.txt'))!;
  assert.equal(acme.title, 'Acme Microsystems Opens Second Chip Plant in Ohio');
  assert.equal(acme.wire, 'PR Newswire');
  assert.equal(acme.source, 'Acme Microsystems Inc.');
  assert.equal(acme.language, 'en');
  assert.deepEqual(acme.dateline, { place: 'COLUMBUS, Ohio', date: '2024-03-05' });
  assert.deepEqual(acme.tickers, [{ exchange: 'NYSE', symbol: 'ACMI' }]);
  assert.equal(acme.published, '2024-03-05T08:30:00-05:00');
  const paragraphs = acme.paragraphs as string[];
  assert.ok(paragraphs[0]!.startsWith('Acme Microsystems Inc. (NYSE: ACMI) today opened'));
  assert.ok(!paragraphs.some((p) => /Share this article|SOURCE Acme/.test(p)), 'junk and source line kept out of the body');
  assert.ok((acme.about as string[]).some((p) => p.includes('designs and builds power chips')));
  const vinicola = articles.find((a) => String(a.input).endsWith('vinicola.txt'))!;
  assert.equal(vinicola.language, 'es');
  assert.deepEqual(vinicola.dateline, { place: 'MADRID', date: '2024-03-05' });
});

test('articles from a 1987 archive match the model; the dateline takes its year from DATE', (t) => {
  const dir = scratch(t);
  const archive = join(dir, 'archive.sgm');
  writeFileSync(
    archive,
    '<REUTERS NEWID="1">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>cocoa</D></TOPICS>\n<TEXT>\n<TITLE>COCOA BEANS FIRM</TITLE>\n' +
      '<DATELINE>    ACCRA, Feb 26 - </DATELINE><BODY>Cocoa bean prices held firm on steady demand from grinders, traders said.\n Reuter\n</BODY></TEXT>\n</REUTERS>\n',
  );
  const result = dateline(['parse', archive, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const [{ input: _input, format, encoding: _encoding, ...article }] = jsonLines(result.stdout) as [Record<string, unknown>];
  assert.equal(format, 'reuters-sgml');
  assert.deepEqual(article.dateline, { place: 'ACCRA', date: '1987-02-26' });
  assert.deepEqual(article.extra, { ...(article.extra as object), topics: ['cocoa'] });
  ArticleSchema.strict().parse(article);
});

test('ingest stores, reports duplicates on a second run, and search finds by phrase and filter', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  const db = join(dir, 'test.db');
  const first = dateline(['ingest', folder, '--db', db, '--json']);
  assert.equal(first.status, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.equal(summary.captures.new, 3);
  assert.equal(summary.articles.added, 3);

  const again = JSON.parse(dateline(['ingest', folder, '--db', db, '--json']).stdout);
  assert.equal(again.captures.duplicate, 3);
  assert.equal(again.captures.new, 0);
  assert.equal(again.articles.added, 0);

  const hits = jsonLines(dateline(['search', '"port expansion"', '--db', db, '--json']).stdout);
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.title, 'Harbor Logistics Announces Port Expansion in Savannah');
  assert.equal(hits[0]!.wire, 'Business Wire');
  assert.match(String(hits[0]!.snippet), /\[\[/);

  const spanish = jsonLines(dateline(['search', 'cosecha lang:es', '--db', db, '--json']).stdout);
  assert.equal(spanish.length, 1);
  const notBw = jsonLines(dateline(['search', 'company -wire:"Business Wire"', '--db', db, '--json']).stdout);
  assert.ok(notBw.every((h) => h.wire !== 'Business Wire'));

  const shown = dateline(['show', String(hits[0]!.id), '--db', db, '--json']);
  assert.equal(shown.status, 0);
  assert.equal(JSON.parse(shown.stdout).id, hits[0]!.id);

  const stats = JSON.parse(dateline(['stats', '--db', db, '--json']).stdout);
  assert.equal(stats.articles, 3);
  assert.ok(stats.byWire.some((r: { key: string; count: number }) => r.key === 'PR Newswire' && r.count === 2));
});

test('search takes tickers, proximity, date ranges and relative dates; an unknown field names the known ones', (t) => {
  const dir = scratch(t);
  const db = join(dir, 'test.db');
  assert.equal(dateline(['ingest', sampleFolder(dir), '--db', db]).status, 0);
  const titles = (query: string) => jsonLines(dateline(['search', query, '--db', db, '--json']).stdout).map((h) => h.title);
  assert.deepEqual(titles('ticker:ACMI'), ['Acme Microsystems Opens Second Chip Plant in Ohio']);
  assert.deepEqual(titles('ticker:nasdaq:HRBL'), ['Harbor Logistics Announces Port Expansion in Savannah']);
  assert.deepEqual(titles('ticker:NYSE:HRBL'), []);
  assert.deepEqual(titles('"spend expansion"~6'), ['Harbor Logistics Announces Port Expansion in Savannah']);
  // Two of the three releases print a date (March 5, 2024); the Business Wire one does not.
  assert.equal(titles('published:[2024-03-01 TO 2024-03-31]').length, 2);
  assert.equal(titles('published:{2024-03-05 TO *]').length, 0);
  // The CLI reads the real clock: these releases are from March 2024, long before it.
  assert.equal(titles('published:<now-1d').length, 2);
  assert.equal(titles('published:>now-1d').length, 0);

  const unknown = dateline(['search', 'cocoa author:smith', '--db', db]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /'author:'.*title: text: wire: source: place: lang: kind: ticker: site: url: story: published:/);
  assert.match(unknown.stderr, /\n {8}\^/);
  const json = JSON.parse(dateline(['search', 'cocoa author:smith', '--db', db, '--json']).stdout);
  assert.equal(json.error.code, 'E_QUERY_FIELD');
  assert.equal(json.error.column, 7);
});

test('bad inputs are named in the summary, good ones are still stored, exit 1', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(join(folder, 'legacy.txt'), Buffer.from('Caf\xe9 Lumi\xe8re opens \x93flagship\x94 store in Lyon\n\nLYON, France, March 5, 2024 /PRNewswire/ -- Caf\xe9 Lumi\xe8re opened its flagship store on the quays of the Sa\xf4ne today, the company said.\n', 'latin1'));
  writeFileSync(join(folder, 'huge.txt'), '');
  truncateSync(join(folder, 'huge.txt'), 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
  writeFileSync(join(folder, 'feed.jsonl'), '{"title":"Good line","text":"A complete sentence about a harbour crane order for the port."}\n{broken\n');
  const db = join(dir, 'test.db');
  const result = dateline(['ingest', folder, join(dir, 'missing.txt'), '--db', db, '--json']);
  assert.equal(result.status, 1);
  const summary = JSON.parse(result.stdout);
  const codes = Object.fromEntries(summary.failures.map((f: { input: string; code: string }) => [f.input.split('/').pop(), f.code]));
  assert.equal(codes['empty.txt'], 'E_INPUT_EMPTY');
  assert.equal(codes['image.txt'], 'E_INPUT_BINARY');
  assert.equal(codes['missing.txt'], 'E_INPUT_UNREADABLE');
  assert.equal(codes['huge.txt'], 'E_INPUT_TOO_LARGE');
  assert.deepEqual(summary.decoded.find((d: { input: string }) => d.input.endsWith('legacy.txt')), { input: join(folder, 'legacy.txt'), encoding: 'windows-1252', by: 'detection' });
  const legacy = jsonLines(dateline(['parse', join(folder, 'legacy.txt'), '--json']).stdout)[0]!;
  assert.equal(legacy.title, 'Café Lumière opens “flagship” store in Lyon');
  const broken = summary.failures.find((f: { input: string }) => f.input.endsWith('feed.jsonl'));
  assert.equal(broken.line, 2);
  assert.equal(summary.articles.added, 5, 'three releases, the windows-1252 one and the good JSONL line');

  const human = dateline(['ingest', folder, '--db', join(dir, 'other.db')]);
  assert.equal(human.status, 1);
  assert.match(human.stdout, /empty\.txt.*E_INPUT_EMPTY/);
});

test('a large input with no usable article (parsed in a worker) is kept with its error, and a rerun says so', (t) => {
  const dir = scratch(t);
  const big = join(dir, 'broken.jsonl');
  // Over a megabyte, so a parse worker reads it: its capture is stored before parsing ends.
  writeFileSync(big, Array.from({ length: 50_000 }, (_, i) => `{"title": "line ${i}", not json}`).join('\n'));
  const db = join(dir, 'test.db');
  const first = dateline(['ingest', big, '--db', db, '--json']);
  assert.equal(first.status, 1);
  const summary = JSON.parse(first.stdout);
  assert.deepEqual([summary.captures.failed, summary.articles.added], [1, 0]);
  assert.equal(summary.failures[0].code, 'E_JSONL_MALFORMED');
  const stats = JSON.parse(dateline(['stats', '--db', db, '--json']).stdout);
  assert.deepEqual([stats.captures, stats.failedCaptures], [1, 1], 'the bytes are kept, with the error');
  const again = JSON.parse(dateline(['ingest', big, '--db', db, '--json']).stdout);
  assert.equal(again.captures.duplicate, 1);
  assert.match(again.failures[0].message, /stored earlier/);
});

test('query errors point at the column and exit 2; unknown commands exit 2', (t) => {
  const dir = scratch(t);
  const db = join(dir, 'test.db');
  dateline(['ingest', sampleFolder(dir), '--db', db]);
  const unbalanced = dateline(['search', 'port (expansion', '--db', db]);
  assert.equal(unbalanced.status, 2);
  assert.match(unbalanced.stderr, /column/i);
  assert.match(unbalanced.stderr, /\^/);
  const negative = dateline(['search', '-port', '--db', db]);
  assert.equal(negative.status, 2);
  const json = dateline(['search', '"open quote', '--db', db, '--json']);
  assert.equal(JSON.parse(json.stdout).error.code, 'E_QUERY_SYNTAX');
  assert.equal(dateline(['frobnicate']).status, 2);
  assert.equal(dateline(['show', 'ffffffffffffffff', '--db', db]).status, 1);
});

test('reprocess rebuilds articles with the same ids', (t) => {
  const dir = scratch(t);
  const db = join(dir, 'test.db');
  dateline(['ingest', sampleFolder(dir), '--db', db]);
  const before = jsonLines(dateline(['search', 'company OR bodega OR harbor', '--db', db, '--json']).stdout).map((h) => h.id).sort();
  const result = dateline(['reprocess', '--db', db, '--json']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).articles, 3);
  const after = jsonLines(dateline(['search', 'company OR bodega OR harbor', '--db', db, '--json']).stdout).map((h) => h.id).sort();
  assert.deepEqual(after, before);
  assert.ok(before.length >= 2);
});

test('the same bytes twice in one run are stored once and counted as a duplicate', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  writeFileSync(join(folder, 'harbor-copy.txt'), BW_RELEASE);
  const summary = JSON.parse(dateline(['ingest', folder, '--db', join(dir, 'test.db'), '--json']).stdout);
  assert.deepEqual(summary.captures, { new: 3, duplicate: 1, resumed: 0, failed: 0 });
  assert.equal(summary.articles.added, 3);
});

test('standard input is read with -, and DATELINE_DB names the database', (t) => {
  const dir = scratch(t);
  const db = join(dir, 'env.db');
  const result = dateline(['ingest', '-', '--json'], { input: BW_RELEASE, env: { DATELINE_DB: db } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).articles.added, 1);
  const hits = jsonLines(dateline(['search', 'berths', '--json'], { env: { DATELINE_DB: db } }).stdout);
  assert.equal(hits.length, 1);
});

/** PRN_RELEASE as a trade site republished it: its own headline and chrome, the quote dropped. */
const PRN_COPY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Acme opens a second Ohio fab | Chip Tracker</title>
<meta property="og:site_name" content="Chip Tracker">
<meta property="article:published_time" content="2024-03-05T11:45:00-05:00">
</head><body><nav><a href="/">Home</a> | <a href="/fabs">Fabs</a></nav>
<article><h1>Acme opens a second Ohio fab</h1>
<p>COLUMBUS, Ohio, March 5, 2024 /PRNewswire/ -- Acme Microsystems Inc. (NYSE: ACMI) today opened its second semiconductor plant in central Ohio, adding 600 jobs over three years.</p>
<p>The plant will make power-management chips for electric buses and farm machinery, the company said.</p>
<p>Chip Tracker runs releases from the wires as they arrive.</p></article>
<footer>© Chip Tracker</footer></body></html>`;

test('syndicated copies form one story: stories lists it, story shows the pickup timeline, search collapses it', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  writeFileSync(join(folder, 'chip-tracker.html'), PRN_COPY_PAGE);
  const db = join(dir, 'stories.db');
  assert.equal(dateline(['ingest', folder, '--db', db]).status, 0);

  const stories = jsonLines(dateline(['stories', '--db', db, '--json']).stdout);
  assert.deepEqual(stories.map((story) => story.size), [2, 1, 1], 'every story, singletons included, largest first');
  const [syndicated] = stories as Array<{ id: string; original: string; articles: Array<{ id: string; siteName: string | null }> }>;
  assert.deepEqual(syndicated!.articles.map((a) => a.siteName), [null, 'Chip Tracker']);
  assert.equal(syndicated!.original, syndicated!.articles[0]!.id);
  assert.equal(jsonLines(dateline(['stories', '--db', db, '--json', '--limit', '1']).stdout).length, 1);
  assert.equal(jsonLines(dateline(['stories', '--db', db, '--json', '--since', '2030-01-01']).stdout).length, 0);

  const csv = dateline(['story', syndicated!.id, '--db', db, '--csv']);
  assert.equal(csv.status, 0, csv.stderr);
  const rows = csv.stdout.trim().split('\r\n');
  assert.equal(rows.length, 3);
  assert.match(rows[0]!, /^position,article,site,source,published,delay_seconds,delay,title,url,/);
  assert.match(rows[2]!, /^1,[0-9a-f]+,Chip Tracker,,2024-03-05T11:45:00-05:00,11700,3h 15m,Acme opens a second Ohio fab,/);
  const report = JSON.parse(dateline(['story', syndicated!.id, '--db', db, '--json']).stdout);
  assert.deepEqual(report.pickups[1].difference, { kept: 2, edited: 0, removed: 1, added: 1 });
  const human = dateline(['story', syndicated!.id, '--db', db]).stdout;
  assert.match(human, /\+3h 15m +Chip Tracker .*1 removed, 1 added \(paragraphs\)/);

  const collapsed = jsonLines(dateline(['search', 'farm machinery', '--db', db, '--json']).stdout);
  assert.equal(collapsed.length, 1);
  assert.equal(collapsed[0]!.storySize, 2);
  assert.equal(jsonLines(dateline(['search', 'farm machinery', '--all', '--db', db, '--json']).stdout).length, 2);
  const shown = JSON.parse(dateline(['show', String(collapsed[0]!.id), '--db', db, '--json']).stdout);
  assert.equal(shown.storyId, syndicated!.id);

  const rebuilt = JSON.parse(dateline(['restory', '--db', db, '--json']).stdout);
  assert.deepEqual(rebuilt, { articles: 4, stories: 3 });
  assert.deepEqual(jsonLines(dateline(['stories', '--db', db, '--json']).stdout), stories);
  assert.equal(dateline(['story', 'nope', '--db', db]).status, 1);
  assert.equal(dateline(['stories', '--since', 'soon', '--db', db]).status, 2);
});

test('export streams what a query matches as JSON lines, CSV or ninjs; --out writes the whole file or none; facets count the matches', (t) => {
  const dir = scratch(t);
  const folder = sampleFolder(dir);
  const db = join(dir, 'export.db');
  assert.equal(dateline(['ingest', folder, '--db', db]).status, 0);

  const lines = jsonLines(dateline(['export', '--query', 'company OR bodega', '--db', db]).stdout);
  assert.equal(lines.length, 3);
  for (const line of lines) assert.equal(ArticleSchema.safeParse(line).success, true);
  const csv = dateline(['export', '--query', 'wire:"Business Wire"', '--format', 'csv', '--db', db]).stdout.trim().split('\r\n');
  assert.equal(csv.length, 2);
  assert.match(csv[0]!, /^id,story_id,published,title,wire,source/);
  assert.match(csv[1]!, /Harbor Logistics Announces Port Expansion in Savannah,Business Wire/);
  const ninjs = jsonLines(dateline(['export', '--query', 'cosecha', '--format', 'ninjs', '--db', db]).stdout);
  assert.equal(ninjs.length, 1);
  assert.equal(ninjs[0]!.language, 'es');
  assert.deepEqual(ninjs[0]!.headlines, [{ role: 'main', value: 'Vinícola del Sur presenta su nueva cosecha' }]);

  const out = join(dir, 'all.jsonl');
  const written = dateline(['export', '--query', 'lang:en', '--out', out, '--db', db]);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stderr, /exported 2 articles/);
  const failed = dateline(['export', '--query', '(broken', '--out', join(dir, 'none.jsonl'), '--db', db]);
  assert.equal(failed.status, 2);
  assert.equal(existsSync(join(dir, 'none.jsonl')) || existsSync(join(dir, 'none.jsonl.partial')), false);

  const facets = JSON.parse(dateline(['facets', 'company OR bodega', '--db', db, '--json']).stdout);
  assert.equal(facets.total, 3);
  assert.deepEqual(facets.byLanguage, [{ key: 'en', count: 2 }, { key: 'es', count: 1 }]);
  assert.equal(dateline(['facets', 'x', '--interval', 'year', '--db', db]).status, 2);
});
