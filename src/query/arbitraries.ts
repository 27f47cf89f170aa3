// fast-check generators of query text for the property and fuzz tests (parser, compilers, stores):
// soup made of the language's own pieces, and well-formed queries that mostly parse. Test-only.
import fc from 'fast-check';

/** The `now` fuzzed queries are parsed against, so a failure replays exactly. */
export const FUZZ_NOW = new Date('2026-11-27T12:00:00.000Z');

/** Pieces of the language and of what breaks SQL and FTS5, for the soup. */
const PIECES = ['"', '(', ')', ':', '-', '+', '*', '~', '~5', 'AND', 'OR', 'NOT', 'TO', '[', ']', '{', '}', 'title:',
  'text:', 'wire:', 'place:', 'ticker:', 'site:', 'url:', 'story:', 'published:', '>=', '<', '2024-01-01', '2024-02-30',
  'now', 'now-7d', 'now-1m', 'now+2y', '2024-01-01T10:00Z', 'foo:', '14:17', 'http://x', 'https://a.b/c*', 'NYSE:IBM',
  'cocoa', 'café', '北京', '京', ' ', '  ', '\t', '\n', 'NEAR(', '^', "'; DROP TABLE articles; --", '%', '_', '\\', 'x"y'];

/** Text built from the language's own pieces reaches far more of the parser than random bytes. */
export const querySoup = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 })), {
    maxLength: 20,
  })
  .map((parts) => parts.join(''));

/** Any text: soup, or random strings of any characters. */
export const anyQueryText = fc.oneof(querySoup, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));

const CHARS = [...'abcxyzABCXYZ0129éüß北京市上海ـ:*-+_%\\\'.;/[]{}~^<>=!&|#@$,'];
const char = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CHARS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) });
/** A bare word: no space, parenthesis or quote, which would end it. */
const bare = fc.string({ unit: char, minLength: 1, maxLength: 8 }).filter((text) => !/[\s()"]/u.test(text));
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('cocoa', 'prices', 'lab', 'café', '北京', '京', 'IBM', 'NEAR', 'and') }, { weight: 2, arbitrary: bare });
/** What may stand between quotes: mostly words, sometimes anything. */
const inner = fc.oneof(
  { weight: 3, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(char, fc.constant(' ')), maxLength: 16 }) },
).filter((text) => !text.includes('"'));

const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
const bound = fc.oneof(
  day.map((d) => d.toISOString().slice(0, 10)),
  day.map((d) => d.toISOString()),
  day.map((d) => d.toISOString().slice(0, 16) + '+05:30'),
  fc.tuple(fc.constantFrom('+', '-'), fc.nat({ max: 9999 }), fc.constantFrom('h', 'd', 'w', 'm', 'y')).map(([s, n, u]) => `now${s}${n}${u}`),
  fc.constantFrom('now', '*', '2024-02-29', '2023-02-29'),
  bare,
);

const FIELDS = ['title', 'text', 'wire', 'source', 'place', 'lang', 'kind', 'ticker', 'site', 'url', 'story', 'Title', 'nope'];

const atom = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `${w}*`) },
  { weight: 2, arbitrary: inner.map((p) => `"${p}"`) },
  { weight: 1, arbitrary: inner.map((p) => `"${p}"*`) },
  { weight: 2, arbitrary: fc.tuple(inner, fc.oneof(fc.nat({ max: 12 }), fc.nat({ max: 120 }))).map(([p, n]) => `"${p}"~${n}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), word).map(([f, v]) => `${f}:${v}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), inner, fc.constantFrom('', '*', '~3')).map(([f, v, s]) => `${f}:"${v}"${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('NYSE', 'Nasdaq', 'nyse american', ''), word).map(([e, s]) => `ticker:"${e}:${s}"`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('https://', 'http://', '', 'urn:'), bare, fc.constantFrom('', '*')).map(([s, v, p]) => `url:${s}${v}${p}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', 'www.', 'https://'), bare).map(([s, v]) => `site:${s}${v}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', '>', '>=', '<', '<=', '='), bound).map(([op, b]) => `published:${op}${b}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('[', '{'), bound, bound, fc.constantFrom(']', '}')).map(([o, a, b, c]) => `published:${o}${a} TO ${b}${c}`) },
);

/** Mostly well-formed queries: atoms under AND, OR, NOT, -, + and parentheses, a few levels deep. */
export const wellFormedQuery: fc.Arbitrary<string> = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `${a} ${b}`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `${a} OR ${b}`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `${a} AND ${b}`),
    fc.tuple(tie('query'), atom).map(([a, b]) => `${a} -${b}`),
    fc.tuple(tie('query'), atom).map(([a, b]) => `${a} NOT ${b}`),
    tie('query').map((a) => `+${a}`),
    tie('query').map((a) => `(${a})`),
    tie('query').map((a) => `title:(${a})`),
  ),
})).query;
