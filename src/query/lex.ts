// The query lexer: splits what a person typed into words, phrases, fields and operators, each
// with its 1-based column, so every later error can point at the place it concerns.
import { syntaxError } from './errors.js';

/** Every field the language knows, as typed before the colon. */
export const TEXT_FIELDS = ['title', 'text'] as const;
export const FILTER_FIELDS = ['wire', 'source', 'place', 'lang', 'kind', 'site', 'story'] as const;
export const KNOWN_FIELDS: readonly string[] = [
  ...TEXT_FIELDS, 'wire', 'source', 'place', 'lang', 'kind', 'ticker', 'site', 'url', 'story', 'published',
];

/** The most words a proximity may allow between its words (`"a b"~100`). */
export const MAX_NEAR_DISTANCE = 100;

export type Token =
  | { kind: 'word'; text: string; column: number }
  | { kind: 'phrase'; text: string; prefix: boolean; distance: number | null; column: number }
  | { kind: 'field'; name: string; column: number }
  | { kind: 'lparen'; column: number }
  | { kind: 'rparen'; column: number }
  | { kind: 'and' | 'or' | 'not'; column: number }
  | { kind: 'minus' | 'plus'; column: number }
  | { kind: 'compare'; op: '>' | '>=' | '<' | '<=' | '='; column: number }
  /** `[lower TO upper]` or with `{ }` for exclusive ends; only after `published:`. */
  | { kind: 'range'; open: '[' | '{'; close: ']' | '}'; body: string; bodyColumn: number; column: number };

/** Characters that end a bare word: whitespace, parentheses and the quote that opens a phrase. */
const WORD_END = /[\s()"]/u;
/** A field name: letters only, so `14:17` and similar stay plain words. */
const FIELD_NAME = /^\p{L}+$/u;

/**
 * Splits `source` into tokens. A `word:` prefix is a field only when the word is all letters
 * and a value follows at once (`title:x`, `wire:"PR Newswire"`), and not when the value starts
 * with `//` (a URL such as `http://example.com` is a plain word).
 */
export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // The field whose prefix was the previous token: its value may start with a comparison or range.
  let afterField: string | null = null;
  while (i < source.length) {
    const ch = source[i]!;
    const column = i + 1;
    if (/\s/u.test(ch)) {
      i++;
      afterField = null;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', column });
      i++;
      afterField = null;
      continue;
    }
    if (ch === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) throw syntaxError(source, column, 'this quote is never closed; add a closing "');
      const prefix = source[close + 1] === '*';
      i = close + (prefix ? 2 : 1);
      let distance: number | null = null;
      if (source[i] === '~') {
        const digits = /^\d{1,9}/.exec(source.slice(i + 1, i + 11))?.[0];
        if (digits === undefined || prefix) {
          throw syntaxError(
            source,
            i + 1,
            prefix ? 'a phrase takes * or ~N, not both' : '~ after a phrase takes a number of words, as in "cocoa prices"~5',
          );
        }
        distance = Number(digits);
        if (distance > MAX_NEAR_DISTANCE) {
          throw syntaxError(source, i + 1, `~ allows at most ${MAX_NEAR_DISTANCE} words between the phrase's words`);
        }
        i += 1 + digits.length;
      }
      tokens.push({ kind: 'phrase', text: source.slice(column, close), prefix, distance, column });
      afterField = null;
      continue;
    }
    if (afterField === 'published' && (ch === '[' || ch === '{')) {
      const close = /[\]}]/u.exec(source.slice(i + 1));
      if (!close) throw syntaxError(source, column, `this ${ch} is never closed; end the range with ] or }`);
      const end = i + 1 + close.index;
      tokens.push({
        kind: 'range',
        open: ch,
        close: close[0] as ']' | '}',
        body: source.slice(i + 1, end),
        bodyColumn: column + 1,
        column,
      });
      i = end + 1;
      afterField = null;
      continue;
    }
    // A field's value is never itself a field: `ticker:NYSE:IBM`, `url:urn:x`.
    const isValue = afterField !== null;
    if (afterField) {
      const compare = /^(>=|<=|>|<|=)/.exec(source.slice(i));
      if (compare) {
        tokens.push({ kind: 'compare', op: compare[1] as '>' | '>=' | '<' | '<=' | '=', column });
        i += compare[1]!.length;
        afterField = null;
        continue;
      }
    }
    afterField = null;
    // `-` and `+` are operators only at the start of a word; a lone one is dangling.
    if ((ch === '-' || ch === '+') && (i === 0 || /[\s(]/u.test(source[i - 1]!))) {
      const next = source[i + 1];
      if (next === undefined || /[\s)]/u.test(next)) {
        throw syntaxError(source, column, `'${ch}' must be followed directly by a term, a "phrase" or a (group)`);
      }
      tokens.push({ kind: ch === '-' ? 'minus' : 'plus', column });
      i++;
      continue;
    }
    let end = i;
    while (end < source.length && !WORD_END.test(source[end]!)) end++;
    const text = source.slice(i, end);
    const colon = text.indexOf(':');
    if (colon > 0 && !isValue) {
      const name = text.slice(0, colon);
      const rest = source.slice(i + colon + 1);
      const hasValue = rest.length > 0 && !/^\s/u.test(rest) && !rest.startsWith(')');
      // `Note: x` stays a word; `title: x` is a known field with an empty value (an error later).
      const known = KNOWN_FIELDS.includes(name.toLowerCase());
      if (FIELD_NAME.test(name) && (hasValue ? !rest.startsWith('//') : known)) {
        tokens.push({ kind: 'field', name: name.toLowerCase(), column });
        i += colon + 1;
        afterField = name.toLowerCase();
        continue;
      }
    }
    if (text === 'AND' || text === 'OR' || text === 'NOT') {
      tokens.push({ kind: text === 'AND' ? 'and' : text === 'OR' ? 'or' : 'not', column });
    } else {
      tokens.push({ kind: 'word', text, column });
    }
    i = end;
  }
  return tokens;
}
