// `npm run eval:feeds`: feedparser's own test suite (../shared/corpora/feedparser) run against
// our feed reader. Each test file is parsed (with the HTTP headers the test names), the result
// is mapped onto feedparser's result shape (feed, entries, *_detail, *_parsed time tuples,
// bozo, encoding) and the file's expectation is evaluated. Expectations that compare
// feedparser's own sanitiser output (wellformed/sanitize) are not applicable: those files are
// checked for safety instead. The date cases in date_parser_cases.json run too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { corporaDir } from '../bench/corpora.js';
import { isDatelineError } from '../src/core/index.js';
import { decodeCapture, parseFeedDate, parseFeedDocument } from '../src/formats/index.js';
import type { FeedCategory, FeedCommon, FeedDateValue, FeedItem, FeedLink, FeedMeta, FeedPerson, FeedText, ParsedFeed } from '../src/formats/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };

interface Term {
  op: string;
  path?: (string | number)[];
  value?: Json;
  key?: string;
  expr?: string;
}

interface Expectation {
  path: string;
  desc: string;
  expect: string;
  terms: Term[];
  http_headers: [string, string][];
}

interface DateCase {
  parse_date: string;
  input_value: string;
  expected_value: number[] | null;
}

const root = join(corporaDir, 'feedparser');

/** What we deliberately do differently from feedparser, printed under the table. */
const DIFFERENCES = [
  'HTML is sanitised with sanitize-html, not feedparser\'s sanitiser: markup it keeps differs (style attributes are dropped, not filtered), so wellformed/sanitize is checked for safety, not compared.',
  'Encodings are WHATWG encodings (as browsers decode): us-ascii and iso-8859-1 are read as windows-1252; an expectation naming an encoding passes when the WHATWG names agree.',
  'A document that holds no feed (an HTML page, an empty file) is an E_FEED_MALFORMED error, not an empty result with bozo set; it counts as bozo here.',
  'HTML entities undeclared in XML (&nbsp;, &AElig;) are decoded and recorded as a problem (bozo), as feedparser does; internal DTD entities are expanded only when plain (no nested references), external ones never.',
  'Dates keep the time as printed with its offset (ISO 8601); the UTC time tuple is derived for this comparison.',
  'HTML values are compared after canonicalisation (character references decoded, attributes sorted): feedparser writes &#38; where sanitize-html writes &amp;.',
  'bozo here also covers the encoding, as feedparser\'s does: bytes that did not decode, an encoding only guessed (not UTF-16/32 by XML\'s own autodetection), a feed served as text/plain.',
  'A text/xml feed without a charset is read as its declaration says, not as us-ascii (RFC 3023\'s default, which feedparser follows).',
  'Extension values are trimmed: <itunes:block> yes </itunes:block> blocks and <itunes:explicit> yes </itunes:explicit> is explicit (feedparser compares them untrimmed).',
  'A Podlove chapter\'s href and image are resolved against the base like any link (feedparser keeps them as written).',
  'A GeoRSS element that does not read (no coordinates, a polygon of three points) gives no place, not an empty `where`.',
  'Not modelled: arbitrary unknown-namespace elements, media:group\'s credits, restrictions, licence and rating, itunes:subtitle on an item, HTTP response metadata (etag, modified, headers).',
];

function main(): void {
  const expectationsPath = join(root, 'expectations.json');
  if (!existsSync(expectationsPath)) {
    console.log(`skipped the feeds evaluation: ${expectationsPath} not found (set DATELINE_CORPORA to the corpora folder)`);
    return;
  }
  const expectations = JSON.parse(readFileSync(expectationsPath, 'utf8')) as Expectation[];
  const folders = new Map<string, { passed: number; applicable: number; safe: number; checked: number; exact: number }>();
  const failures: string[] = [];
  let passed = 0;
  let applicable = 0;
  let safe = 0;
  let checked = 0;
  for (const expectation of expectations) {
    const folder = expectation.path.split('/').slice(0, -1).join('/');
    const row = folders.get(folder) ?? { passed: 0, applicable: 0, safe: 0, checked: 0, exact: 0 };
    folders.set(folder, row);
    const result = run(expectation);
    const ok = evaluate(expectation, result);
    if (folder === 'wellformed/sanitize') {
      row.checked++;
      checked++;
      const unsafe = unsafeIn(result);
      if (!unsafe) {
        row.safe++;
        safe++;
      } else failures.push(`${expectation.path}: UNSAFE ${unsafe}`);
      if (ok) row.exact++;
      continue;
    }
    row.applicable++;
    applicable++;
    if (ok) {
      row.passed++;
      passed++;
    } else failures.push(`${expectation.path}: ${expectation.expect.slice(0, 160)}`);
  }

  const verbose = process.argv.includes('--failures');
  if (verbose) for (const f of failures) console.log(`  fail ${f}`);
  console.log('feedparser expectations (../shared/corpora/feedparser), passed / applicable');
  console.log(`${'folder'.padEnd(28)} ${'passed'.padStart(7)} ${'of'.padStart(5)} ${'%'.padStart(7)}`);
  for (const [folder, row] of [...folders].sort()) {
    if (folder === 'wellformed/sanitize') continue;
    console.log(`${folder.padEnd(28)} ${String(row.passed).padStart(7)} ${String(row.applicable).padStart(5)} ${pct(row.passed, row.applicable).padStart(7)}`);
  }
  console.log(`${'all applicable'.padEnd(28)} ${String(passed).padStart(7)} ${String(applicable).padStart(5)} ${pct(passed, applicable).padStart(7)}   (target 93%; feedparser 6.0.10: 2,093 of 2,106)`);
  const sanitize = folders.get('wellformed/sanitize');
  if (sanitize) {
    console.log(`wellformed/sanitize (safety) ${String(safe).padStart(7)} ${String(checked).padStart(5)} ${pct(safe, checked).padStart(7)}   safe: no script, event handler, javascript: URL or style attack survives`);
    console.log(`  (of those, ${sanitize.exact} also equal feedparser's sanitised output exactly; not counted)`);
  }
  dateCases();
  console.log('\nWhat we deliberately do differently:');
  for (const d of DIFFERENCES) console.log(`  - ${d}`);
  if (!verbose) console.log(`\n(${failures.length} failing or unsafe files; run with --failures to list them)`);
}

function pct(a: number, b: number): string {
  return b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`;
}

function dateCases(): void {
  const path = join(root, 'date_parser_cases.json');
  if (!existsSync(path)) {
    console.log(`skipped the date cases: ${path} not found`);
    return;
  }
  const cases = JSON.parse(readFileSync(path, 'utf8')) as DateCase[];
  let ok = 0;
  for (const c of cases) {
    const d = parseFeedDate(c.input_value);
    const got = d ? timeTuple(d.epochMs).slice(0, 6) : null;
    const want = c.expected_value ? c.expected_value.slice(0, 6) : null;
    if (JSON.stringify(got) === JSON.stringify(want)) ok++;
    else if (process.argv.includes('--failures')) console.log(`  date fail ${c.parse_date} ${JSON.stringify(c.input_value)}`);
  }
  console.log(`date cases (date_parser_cases.json)      ${ok} of ${cases.length}  ${pct(ok, cases.length)}   (target 95%)`);
}

// ---- running one file -------------------------------------------------------------------

interface Result {
  bozo: boolean;
  crashed: string | null;
  encoding: string | null;
  version: string;
  feed: Dict;
  entries: Dict[];
}

function run(expectation: Expectation): Result {
  const bytes = readFileSync(join(root, 'tests', expectation.path));
  const header = (name: string): string | null => expectation.http_headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  const result: Result = { bozo: false, crashed: null, encoding: null, version: '', feed: {}, entries: [] };
  try {
    const { decoded, problems } = decodeCapture(bytes, { name: expectation.path, contentType: header('content-type') });
    result.encoding = decoded.encoding;
    // feedparser's bozo also covers the encoding: bytes that did not decode, an encoding only
    // guessed, and a feed served as text/plain (not an XML type).
    if (problems.length > 0 || (decoded.by === 'detection' && !decoded.encoding.startsWith('utf-')) || /^text\/plain/i.test(header('content-type') ?? '')) result.bozo = true;
    // feedparser's suite serves each file from a local server: that is the document's URL.
    const url = header('content-location') ?? `http://127.0.0.1:8097/tests/${expectation.path}`;
    const parsed = parseFeedDocument(decoded.text, { name: expectation.path, url });
    result.bozo ||= parsed.bozo;
    result.version = parsed.version;
    const language = header('content-language');
    result.feed = mapFeed(parsed.feed, language);
    result.entries = parsed.items.map((item) => mapEntry(item, language, parsed));
  } catch (error) {
    result.bozo = true;
    if (!isDatelineError(error)) result.crashed = error instanceof Error ? error.stack ?? error.message : String(error);
  }
  return result;
}

// ---- our result in feedparser's shape ---------------------------------------------------

function detail(text: FeedText, language: string | null): Dict {
  return { type: text.type, language: text.language ?? language, base: text.base ?? '', value: text.value };
}

function put(out: Dict, key: string, text: FeedText | null | undefined, language: string | null): void {
  if (!text) return;
  out[key] = text.value;
  out[`${key}_detail`] = detail(text, language);
}

function timeTuple(epochMs: number): number[] {
  const d = new Date(epochMs);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1;
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), (d.getUTCDay() + 6) % 7, yday, 0];
}

function putDate(out: Dict, key: string, date: FeedDateValue | null): void {
  if (!date) return;
  out[key] = date.raw;
  out[`${key}_parsed`] = date.epochMs === null ? null : timeTuple(date.epochMs);
}

function person(p: FeedPerson): Dict {
  const out: Dict = {};
  if (p.name !== null) out.name = p.name;
  if (p.email !== null) out.email = p.email;
  if (p.href !== null) out.href = p.href;
  return out;
}

function personString(p: FeedPerson): string {
  return p.name && p.email ? `${p.name} (${p.email})` : (p.name ?? p.email ?? '');
}

function link(l: FeedLink): Dict {
  const out: Dict = { rel: l.rel };
  if (l.type !== null) out.type = l.type;
  out.href = l.href;
  if (l.title !== null) out.title = l.title;
  if (l.length !== null) out.length = l.length;
  if (l.hreflang !== null) out.hreflang = l.hreflang;
  return out;
}

function tag(c: FeedCategory): Dict {
  return { term: c.term, scheme: c.scheme, label: c.label };
}

function mapCommon(c: Partial<FeedCommon>, language: string | null): Dict {
  const out: Dict = {};
  // A text's language is its xml:lang (blank means none), else the HTTP Content-Language.
  const lang = language;
  put(out, 'title', c.title, lang);
  if (c.link) out.link = c.link;
  if (c.links && c.links.length > 0) out.links = c.links.map(link);
  if (c.id) out.id = c.id;
  if (c.authors && c.authors.length > 0) {
    out.authors = c.authors.map(person);
    out.author = personString(c.authors[0]!);
    out.author_detail = person(c.authors[0]!);
  }
  if (c.contributors && c.contributors.length > 0) out.contributors = c.contributors.map(person);
  if (c.categories && c.categories.length > 0) {
    out.tags = c.categories.map(tag);
    out.category = c.categories[0]!.term;
  }
  put(out, 'rights', c.rights, lang);
  if (c.rights) put(out, 'copyright', c.rights, lang);
  putDate(out, 'published', c.published ?? null);
  putDate(out, 'updated', c.updated ?? null);
  if (c.publisher) {
    out.publisher = personString(c.publisher);
    out.publisher_detail = person(c.publisher);
  }
  putDate(out, 'created', c.created ?? null);
  if (c.validity) {
    putDate(out, 'validity_start', c.validity.start);
    putDate(out, 'validity_end', c.validity.end);
  }
  if (c.where) {
    const w: Dict = { type: c.where.type, coordinates: c.where.coordinates };
    if (c.where.srsName !== null) Object.assign(w, { srsName: c.where.srsName, srsDimension: c.where.srsDimension });
    out.where = w;
  }
  if (c.inReplyTo && c.inReplyTo.length > 0) out['thr_in-reply-to'] = c.inReplyTo[0]!;
  // feedparser names an extension element prefix_local, lower-cased.
  for (const [key, value] of Object.entries(c.extensions ?? {})) out[key.replace(':', '_').toLowerCase()] ??= value;
  // feedparser's reading of iTunes flags: block only for "yes"; explicit yes/explicit/true,
  // clean/no/false, anything else (case or spacing included) unknown.
  const block = c.extensions?.['itunes:block'];
  if (block !== undefined) out.itunes_block = block === 'yes' ? 1 : 0;
  const explicit = c.extensions?.['itunes:explicit'];
  if (explicit !== undefined) out.itunes_explicit = ['yes', 'explicit', 'true'].includes(explicit) ? true : ['no', 'clean', 'false'].includes(explicit) ? false : null;
  delete out.itunes_keywords;
  return out;
}

function mapFeed(f: Partial<FeedMeta>, language: string | null): Dict {
  const out = mapCommon(f, language);
  const lang = language;
  if (f.language ?? language) out.language = f.language ?? language;
  put(out, 'subtitle', f.subtitle, lang);
  put(out, 'tagline', f.subtitle, lang);
  put(out, 'description', f.subtitle, lang);
  put(out, 'info', f.info, lang);
  if (f.generator) {
    out.generator = f.generator.name;
    const g: Dict = { name: f.generator.name };
    if (f.generator.href) g.href = f.generator.href;
    if (f.generator.version) g.version = f.generator.version;
    out.generator_detail = g;
  }
  if (f.image) {
    const i: Dict = {};
    if (f.image.href) i.href = f.image.href;
    if (f.image.title) i.title = f.image.title;
    if (f.image.description) i.description = f.image.description;
    if (f.image.link) i.link = f.image.link;
    if (f.image.width !== null) i.width = f.image.width;
    if (f.image.height !== null) i.height = f.image.height;
    out.image = i;
  }
  if (f.icon) out.icon = f.icon;
  if (f.logo) out.logo = f.logo;
  if (f.docs) out.docs = f.docs;
  if (f.ttl) out.ttl = f.ttl;
  if (f.cloud) out.cloud = f.cloud;
  if (f.textInput) {
    const t: Dict = {};
    for (const [k, v] of Object.entries(f.textInput)) if (v !== null) t[k] = v;
    out.textinput = t;
  }
  if (f.newLocation) out.newlocation = f.newLocation;
  return out;
}

function mapEntry(item: FeedItem, language: string | null, parsed: ParsedFeed): Dict {
  const lang = language;
  const out = mapCommon(item, lang);
  if (item.guid) out.guid = item.guid;
  if (item.guid) out.guidislink = item.linkFromGuid;
  if (item.id) out.id = item.id;
  const summary = item.summary ?? (parsed.version.startsWith('atom') ? null : item.content[0] ?? null);
  put(out, 'summary', summary, lang);
  put(out, 'description', summary, lang);
  if (item.content.length > 0) out.content = item.content.map((c) => detail(c, lang));
  putDate(out, 'expired', item.expired);
  if (item.enclosures.length > 0) {
    out.enclosures = item.enclosures.map((e) => {
      const d: Dict = { href: e.href };
      if (e.type !== null) d.type = e.type;
      if (e.length !== null) d.length = e.length;
      return d;
    });
    for (const e of item.enclosures) {
      if (!item.links.some((l) => l.href === e.href)) ((out.links ??= []) as Json[]).push({ rel: 'enclosure', href: e.href });
    }
  }
  if (item.comments) out.comments = item.comments;
  if (item.license) out.license = item.license;
  if (item.image) out.image = { href: item.image };
  if (item.thumbnails.length > 0) out.media_thumbnail = item.thumbnails;
  if (item.player) out.media_player = { ...item.player, content: '' };
  if (item.chapters) {
    out.psc_chapters = {
      version: item.chapters.version,
      chapters: item.chapters.chapters.map((ch) => {
        const d: Dict = { start: ch.start, start_parsed: ch.startMs === null ? null : ch.startMs / 1000 };
        if (ch.title !== null) d.title = ch.title;
        if (ch.href !== null) d.href = ch.href;
        if (ch.image !== null) d.image = ch.image;
        return d;
      }),
    };
  }
  if (item.source) {
    out.source = mapFeed(item.source, null);
    // feedparser gives an RSS <source url="..."> as the source's href.
    const self = item.source.links?.find((l) => l.rel === 'self');
    if (!parsed.version.startsWith('atom') && self) out.source.href = self.href;
  }
  return out;
}

// ---- evaluating an expectation ----------------------------------------------------------

function lookup(result: Result, path: (string | number)[]): { found: boolean; value: Json | undefined } {
  const top: Dict = { feed: result.feed, entries: result.entries as Json, bozo: result.bozo, encoding: result.encoding, version: result.version };
  let value: Json | undefined = top;
  for (const key of path) {
    if (value === null || value === undefined || typeof value !== 'object') return { found: false, value: undefined };
    if (Array.isArray(value)) {
      const index = typeof key === 'number' ? (key < 0 ? value.length + key : key) : NaN;
      value = value[index];
    } else {
      const dict = value as Dict;
      value = dict[String(key)];
      // feedparser's FeedParserDict answers to older names too (its keymap).
      for (const alias of ALIASES[String(key)] ?? []) if (value === undefined) value = dict[alias];
    }
    if (value === undefined) return { found: false, value: undefined };
  }
  return { found: true, value };
}

/** feedparser's keymap: old names it still answers to. */
const ALIASES: Readonly<Record<string, string[]>> = {
  channel: ['feed'], items: ['entries'], guid: ['id'], date: ['updated'], date_parsed: ['updated_parsed'],
  description: ['summary', 'subtitle'], description_detail: ['summary_detail', 'subtitle_detail'], url: ['href'],
  modified: ['updated'], modified_parsed: ['updated_parsed'], issued: ['published'], issued_parsed: ['published_parsed'],
  copyright: ['rights'], copyright_detail: ['rights_detail'], tagline: ['subtitle'], tagline_detail: ['subtitle_detail'],
};

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string' && a !== b && /[<&]/.test(b)) return canonicalHtml(a) === canonicalHtml(b);
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/**
 * HTML with its serialisation choices taken out (character references decoded, attributes
 * sorted and quoted one way, `<br>` and `<br />` alike), so two sanitisers' equal markup compares
 * equal: feedparser writes `&#38;` where sanitize-html writes `&amp;`.
 */
function canonicalHtml(html: string): string {
  const out: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const attrs = Object.keys(attribs).sort().map((k) => ` ${k}=${JSON.stringify(attribs[k])}`).join('');
        out.push(`<${name}${attrs}>`);
      },
      ontext(text) {
        out.push(text);
      },
      onclosetag(name) {
        out.push(`</${name}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out.join('').replace(/\s+/g, ' ').trim();
}

function normalise(v: Json | undefined): Json | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.map((x) => normalise(x) ?? null);
  if (v && typeof v === 'object') {
    const out: Dict = {};
    for (const key of Object.keys(v).sort()) out[key] = normalise(v[key]) ?? null;
    return out;
  }
  return v;
}

function whatwg(label: string): string {
  try {
    const name = new TextDecoder(label).encoding;
    return name === 'gbk' ? 'gb18030' : name; // one family: GBK is GB18030's two-byte part
  } catch {
    return label.toLowerCase();
  }
}

function evaluate(expectation: Expectation, result: Result): boolean {
  if (result.crashed) return false;
  return expectation.terms.every((term) => {
    switch (term.op) {
      case 'noerror':
        return true;
      case 'truthy':
      case 'falsy': {
        const { value } = lookup(result, term.path ?? []);
        const truthy = !!value && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && Object.keys(value as object).length === 0);
        return term.op === 'truthy' ? truthy : !truthy;
      }
      case '==':
      case '!=': {
        const { found, value } = lookup(result, term.path ?? []);
        if (!found) return false;
        const same = term.path?.[0] === 'encoding' && typeof value === 'string' && typeof term.value === 'string'
          ? whatwg(value) === whatwg(term.value)
          : equal(value, term.value);
        return term.op === '==' ? same : !same;
      }
      case 'len==': {
        const { value } = lookup(result, term.path ?? []);
        return Array.isArray(value) && value.length === term.value;
      }
      case 'not in': {
        const { value } = lookup(result, term.path ?? []);
        return !!value && typeof value === 'object' && !((term.key ?? '') in value);
      }
      case 'python':
        return python(term.expr ?? '', result);
      default:
        return false;
    }
  });
}

/**
 * The Python expressions in the suite that test parse results: `and`/`or`/`not`, truthiness,
 * `==` between paths and literals, `ord()`, `is True/False/None`, `has_key()`, `.get()`,
 * attribute access (FeedParserDict answers `entries[0].title`) and `datetime.timedelta`.
 * Anything else (HTTP headers, exception classes) is not applicable here and fails.
 */
function python(expr: string, result: Result): boolean {
  try {
    return pyBool(expr, result);
  } catch {
    return false; // an expression we do not read fails, whatever `not` is around it
  }
}

function pyBool(expr: string, result: Result): boolean {
  const or = splitTop(expr, ' or ');
  if (or.length > 1) return or.some((e) => pyBool(e, result));
  const and = splitTop(expr, ' and ');
  if (and.length > 1) return and.every((e) => pyBool(e, result));
  const e = expr.trim();
  if (e.startsWith('not ')) return !pyBool(e.slice(4), result);
  const eq = splitTop(e, ' == ');
  if (eq.length > 1) {
    const values = eq.map((x) => pyValue(x, result));
    return values.every((v) => v.found) && values.slice(1).every((v) => equal(values[0]!.value, v.value));
  }
  let m = /^(.+) is (True|False|None)$/.exec(e);
  if (m) {
    const { found, value } = pyValue(m[1]!, result);
    return m[2] === 'None' ? found && value === null : found && value === (m[2] === 'True');
  }
  m = /^(.+)\.has_key\('([^']*)'\)$/.exec(e);
  if (m) {
    const { value } = pyValue(m[1]!, result);
    return !!value && typeof value === 'object' && !Array.isArray(value) && m[2]! in value;
  }
  const { found, value } = pyValue(e, result);
  if (!found) throw new Error(`KeyError: ${e}`); // as Python's would
  return truthy(value);
}

function truthy(value: Json | undefined): boolean {
  return !!value && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && Object.keys(value as object).length === 0);
}

/** Splits at `sep` outside quotes and brackets. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** A literal, `ord(path)`, `datetime.timedelta(d, s, us)` (in seconds) or a path, with `.get('k')`. */
function pyValue(text: string, result: Result): { found: boolean; value: Json | undefined } {
  const t = text.trim();
  let m = /^(['"])(.*)\1$/s.exec(t);
  if (m) return { found: true, value: m[2]!.replace(/\\(.)/g, '$1') };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { found: true, value: Number(t) };
  if (t === '{}') return { found: true, value: {} };
  m = /^datetime\.timedelta\(([\d\s,]*)\)$/.exec(t);
  if (m) {
    const [d = 0, sec = 0, us = 0] = m[1]!.split(',').map((x) => Number(x.trim()));
    return { found: true, value: d * 86_400 + sec + us / 1e6 };
  }
  m = /^ord\((.+)\)$/.exec(t);
  if (m) {
    const { value } = pyValue(m[1]!, result);
    return typeof value === 'string' && [...value].length === 1 ? { found: true, value: value.codePointAt(0)! } : { found: false, value: undefined };
  }
  m = /^(.+)\.get\('([^']*)'\)$/.exec(t);
  if (m) {
    const { value } = pyValue(m[1]!, result);
    const got = value && typeof value === 'object' && !Array.isArray(value) ? value[m[2]!] : undefined;
    return { found: true, value: got ?? null };
  }
  const steps = [...t.matchAll(/^(\w+)|\.(\w+)|\[(?:'([^']*)'|(-?\d+))\]/g)];
  if (steps.map((x) => x[0]).join('') !== t) throw new Error(`not read: ${t}`);
  return lookup(result, steps.map((x) => x[1] ?? x[2] ?? x[3] ?? Number(x[4])));
}

// ---- safety of sanitised output ---------------------------------------------------------

const UNSAFE: readonly [RegExp, string][] = [
  [/<script/i, 'script element'],
  [/<[^>]+\son\w+\s*=/i, 'event handler'],
  [/(?:href|src|action|formaction|data|background|poster|cite)\s*=\s*["']?\s*(?:javascript|vbscript|livescript):/i, 'javascript: URL'],
  [/<style/i, 'style element'],
  [/style\s*=\s*["'][^"']*(?:expression\s*\(|url\s*\(|behavior\s*:|-moz-binding|javascript:)/i, 'style attack'],
  [/<(?:iframe|object|embed|applet|meta|link|base|form|frame|frameset)\b/i, 'active element'],
];

function unsafeIn(result: Result): string | null {
  if (result.crashed) return `crashed: ${result.crashed.split('\n')[0]}`;
  const strings: string[] = [];
  // A text/plain value is shown as text, never as markup; a string with a *_detail beside it
  // is judged by its detail's type.
  const walk = (v: Json | undefined): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'text/plain' && typeof v.value === 'string') return;
      for (const [key, value] of Object.entries(v)) if (!(typeof value === 'string' && `${key}_detail` in v)) walk(value);
    }
  };
  walk(result.feed);
  walk(result.entries as Json);
  for (const s of strings) {
    // Plain-text values are shown as text, never as HTML; only markup can carry an attack.
    if (!s.includes('<')) continue;
    for (const [pattern, what] of UNSAFE) if (pattern.test(s)) return `${what}: ${s.slice(0, 100)}`;
  }
  return null;
}

main();
