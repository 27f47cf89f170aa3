// End to end for HTML pages through the built binary: `dateline extract` (one page, and
// --batch), and `dateline ingest` of a folder of pages. The content extractor is tuned in
// parallel, so these assert what any good extractor gives (the release's paragraphs, the page's
// title, the dateline and wire found in the text), not exactly which boilerplate is removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleSchema } from '../src/core/schemas.js';
import { dateline, jsonLines, repoRoot, scratch } from './helpers.js';

const PAGES = join(repoRoot, 'test', 'fixtures', 'html');
const RELEASE = join(PAGES, 'prnewswire-release.html');
const NEWS = join(PAGES, 'news-article.html');
const LEGACY = join(PAGES, 'windows-1252.html');

const RELEASE_TITLE = 'Lanting Robotics Opens Research Centre for Service Robots in Beijing';
const RELEASE_LEAD = 'Lanting Robotics Co., Ltd. (NASDAQ: LTRB), a maker of service robots for hospitals and hotels';
const EXTRACTED_PAGE_KEYS = [
  'byline', 'canonicalUrl', 'description', 'html', 'image', 'language', 'modified', 'paragraphs', 'published', 'siteName', 'title',
];

/** A page that names no language: the detector must supply it. */
const SPANISH_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>La bodega Vallehondo abre una nueva sala de barricas</title></head>
<body><article><h1>La bodega Vallehondo abre una nueva sala de barricas</h1>
<p>La bodega Vallehondo inauguró el viernes una sala de barricas excavada bajo sus viñedos, donde el vino envejecerá durante dieciocho meses antes de embotellarse.</p>
<p>La empresa, que emplea a treinta personas, prevé contratar a cuatro enólogos antes del verano.</p>
</article></body></html>`;

/** A page whose text is built by a script: nothing for the extractor to find. */
const EMPTY_PAGE = '<!DOCTYPE html><html><head><title>Loading…</title></head><body><div id="app"></div><script>render()</script></body></html>';

test('extract prints a short header then the text; --text only the text; --json the extracted page', () => {
  const human = dateline(['extract', RELEASE]);
  assert.equal(human.status, 0, human.stderr);
  const [first, ...rest] = human.stdout.split('\n');
  assert.equal(first, RELEASE_TITLE, 'the title comes from the page');
  assert.match(rest.join('\n'), /^language\s+en$/m);
  assert.match(human.stdout, /BEIJING, July 4, 2023 \/PRNewswire\/ --/);
  assert.ok(human.stdout.includes(RELEASE_LEAD));

  const text = dateline(['extract', RELEASE, '--text']);
  assert.equal(text.status, 0, text.stderr);
  assert.ok(text.stdout.includes(RELEASE_LEAD));
  assert.ok(text.stdout.includes('\n\n'), 'paragraphs are separated by blank lines');
  assert.doesNotMatch(text.stdout, /^language\s/m, 'no header');

  const json = dateline(['extract', RELEASE, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const page = JSON.parse(json.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(page).sort(), EXTRACTED_PAGE_KEYS);
  assert.equal(page.title, RELEASE_TITLE);
  assert.equal(page.language, 'en');
  assert.ok((page.paragraphs as string[]).some((p) => p.includes(RELEASE_LEAD)));
  assert.equal(typeof page.html, 'string');

  const both = dateline(['extract', RELEASE, '--json', '--text']);
  assert.equal(both.status, 2);
});

test('extract decodes a windows-1252 page by its meta charset', () => {
  const result = dateline(['extract', LEGACY, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const page = JSON.parse(result.stdout) as { title: string; paragraphs: string[]; language: string };
  assert.equal(page.title, 'La fromagerie Côte-Vieille agrandit sa cave d’affinage');
  assert.ok(page.paragraphs.some((p) => p.includes('« Nos meules de comté passeront désormais dix-huit mois en cave')));
  assert.ok(page.paragraphs.some((p) => p.includes('Hélène Marchetti')));
  assert.equal(page.language, 'fr');
});

test('extract fills the language with the detector when the page names none', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'bodega.html');
  writeFileSync(file, SPANISH_PAGE);
  const json = JSON.parse(dateline(['extract', file, '--json']).stdout) as { language: string | null };
  assert.equal(json.language, 'es');
  assert.match(dateline(['extract', file]).stdout, /^language\s+es \(detected\)$/m);
});

test('extract of a missing file or a page with no content fails naming the file, exit 1', (t) => {
  const dir = scratch(t);
  const missing = dateline(['extract', join(dir, 'gone.html')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /gone\.html: no such file/);
  writeFileSync(join(dir, 'app.html'), EMPTY_PAGE);
  const empty = dateline(['extract', join(dir, 'app.html'), '--json']);
  assert.equal(empty.status, 1);
  const { error } = JSON.parse(empty.stdout) as { error: { code: string; message: string } };
  assert.equal(error.code, 'E_NO_ARTICLE');
  assert.match(error.message, /app\.html.*no main content/);
  assert.equal(dateline(['extract']).status, 2, 'no file and no --batch is bad usage');
});

test('extract --batch prints one JSON line per page; bad pages are errors in their lines and never stop the batch', (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'pages'));
  copyFileSync(RELEASE, join(dir, 'pages', 'release.html'));
  writeFileSync(join(dir, 'pages', 'app.html'), EMPTY_PAGE);
  const manifest = join(dir, 'manifest.tsv');
  writeFileSync(
    manifest,
    [
      '# id<TAB>path, relative to this folder or absolute',
      'release\tpages/release.html',
      '',
      'missing\tpages/missing.html',
      `legacy\t${LEGACY}`,
      'empty\tpages/app.html',
      '',
    ].join('\n'),
  );
  const result = dateline(['extract', '--batch', manifest]);
  assert.equal(result.status, 1, 'some pages failed');
  const lines = jsonLines(result.stdout);
  assert.deepEqual(lines.map((l) => l.id), ['release', 'missing', 'legacy', 'empty']);
  for (const line of lines) {
    assert.deepEqual(Object.keys(line), ['id', 'text', 'title', 'published', 'byline', 'language', 'sec', 'error']);
    assert.equal(typeof line.sec, 'number');
    assert.ok((line.sec as number) >= 0);
  }
  const [release, missing, legacy, empty] = lines as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
  assert.equal(release.error, null);
  assert.equal(release.title, RELEASE_TITLE);
  assert.ok(String(release.text).includes(RELEASE_LEAD));
  assert.equal(release.language, 'en');
  assert.equal(legacy.error, null);
  assert.ok(String(legacy.text).includes('Hélène Marchetti'));
  assert.match(String(missing.error), /pages\/missing\.html: no such file/);
  assert.equal(missing.text, null);
  assert.match(String(empty.error), /app\.html.*no main content/);

  const good = join(dir, 'good.tsv');
  writeFileSync(good, 'release\tpages/release.html\n');
  assert.equal(dateline(['extract', '--batch', good]).status, 0, 'every page extracted');
});

test('extract --batch: a malformed manifest line or a missing manifest is bad usage, exit 2', (t) => {
  const dir = scratch(t);
  const manifest = join(dir, 'manifest.tsv');
  writeFileSync(manifest, `ok\t${RELEASE}\n# a comment\nno tab on this line\n`);
  const malformed = dateline(['extract', '--batch', manifest]);
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /manifest\.tsv:3: no tab between the id and the path/);
  assert.equal(malformed.stdout, '', 'nothing is extracted from a manifest that is not understood');

  writeFileSync(manifest, `a\t${RELEASE}\na\t${NEWS}\n`);
  assert.match(dateline(['extract', '--batch', manifest]).stderr, /manifest\.tsv:2: the id "a" is already used on line 1/);

  const absent = dateline(['extract', '--batch', join(dir, 'absent.tsv')]);
  assert.equal(absent.status, 2);
  assert.match(absent.stderr, /absent\.tsv: no such file/);
  assert.equal(dateline(['extract', RELEASE, '--batch', manifest]).status, 2, 'a file and --batch together');
});

test('ingest of a folder of pages: search and show see the release page structured like wire text', (t) => {
  const dir = scratch(t);
  const folder = join(dir, 'pages');
  mkdirSync(folder);
  for (const page of [RELEASE, NEWS, LEGACY]) copyFileSync(page, join(folder, page.split('/').pop()!));
  writeFileSync(join(folder, 'app.htm'), EMPTY_PAGE);
  const db = join(dir, 'pages.db');

  const result = dateline(['ingest', folder, '--db', db, '--json']);
  assert.equal(result.status, 1, 'the page with no content failed');
  const summary = JSON.parse(result.stdout);
  assert.deepEqual(summary.captures, { new: 3, duplicate: 0, resumed: 0, failed: 1 });
  assert.equal(summary.articles.added, 3);
  assert.deepEqual(
    summary.failures.map((f: { input: string; code: string }) => [f.input.split('/').pop(), f.code]),
    [['app.htm', 'E_NO_ARTICLE']],
  );
  const stats = JSON.parse(dateline(['stats', '--db', db, '--json']).stdout);
  assert.equal(stats.captures, 4, 'the failed page is kept with its error');
  assert.equal(stats.failedCaptures, 1);

  const hits = jsonLines(dateline(['search', 'robots wire:"PR Newswire" place:beijing', '--db', db, '--json']).stdout);
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.title, RELEASE_TITLE);
  const shown = dateline(['show', String(hits[0]!.id), '--db', db, '--json']);
  assert.equal(shown.status, 0, shown.stderr);
  const release = ArticleSchema.strict().parse(JSON.parse(shown.stdout));
  assert.equal(release.title, RELEASE_TITLE);
  assert.equal(release.wire, 'PR Newswire');
  assert.equal(release.kind, 'release');
  assert.equal(release.source, 'Lanting Robotics Co., Ltd.');
  assert.deepEqual(release.dateline, { place: 'BEIJING', date: '2023-07-04' });
  assert.deepEqual(release.tickers, [{ exchange: 'Nasdaq', symbol: 'LTRB' }]);
  assert.equal(release.published, '2023-07-04T14:17:00+08:00');
  assert.equal(release.publishedZone, 'stated');
  assert.equal(release.canonicalUrl, 'https://www.prnewswire.example/news-releases/lanting-robotics-opens-research-centre-301870001.html');
  assert.equal(release.siteName, 'PR Newswire');
  assert.equal(release.language, 'en');
  assert.ok(release.paragraphs[0]!.startsWith(RELEASE_LEAD), 'the dateline is cut from the first paragraph');
  assert.ok(release.about.some((p) => p.includes('designs and builds service robots')));
  assert.ok(!release.paragraphs.some((p) => /^SOURCE /.test(p)));

  const news = jsonLines(dateline(['search', 'ferry Skerrow', '--db', db, '--json']).stdout);
  assert.equal(news.length, 1);
  const ferry = ArticleSchema.strict().parse(JSON.parse(dateline(['show', String(news[0]!.id), '--db', db, '--json']).stdout));
  assert.match(ferry.title ?? '', /^Ferry service to Skerrow island resumes after storm repairs/);
  assert.equal(ferry.kind, 'article');
  assert.equal(ferry.wire, null);
  assert.match(ferry.byline ?? '', /Morag Kincaid/);

  const french = jsonLines(dateline(['search', 'affinage lang:fr', '--db', db, '--json']).stdout);
  assert.equal(french.length, 1, 'the windows-1252 page, its language from <html lang>');

  const again = JSON.parse(dateline(['ingest', folder, '--db', db, '--json']).stdout);
  assert.equal(again.captures.duplicate, 4);
  assert.match(again.failures[0].message, /stored earlier/);
});
