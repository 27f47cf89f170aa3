// The query lexer: splits what a person typed into words, phrases, fields and operators, each
// with its 1-based column, so every later error can point at the place it concerns.
import { syntaxError } from './errors.js';

/** Every field the language knows, as typed before the colon. */
export const TEXT_FIELDS = ['title', 'text'] as const;
export const FILTER_FIELDS = ['wire', 'source', 'place', 'lang', 'kind'] as const;
export const KNOWN_FIELDS: readonly string[] = [...TEXT_FIELDS, ...FILTER_FIELDS, 'published'];

export type Token =
  | { kind: 'word'; text: string; column: number }
  | { kind: 'phrase'; text: string; prefix: boolean; column: number }
  | { kind: 'field'; name: string; column: number }
  | { kind: 'lparen'; column: number }
  | { kind: 'rparen'; column: number }
  | { kind: 'and' | 'or' | 'not'; column: number }
  | { kind: 'minus' | 'plus'; column: number }
  | { kind: 'compare'; op: '>' | '>=' | '<' | '<=' | '='; column: number };

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
  // True when the previous token was a field prefix: its value may start with a comparison.
  let afterField = false;
  while (i < source.length) {
    const ch = source[i]!;
    const column = i + 1;
    if (/\s/u.test(ch)) {
      i++;
      afterField = false;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', column });
      i++;
      afterField = false;
      continue;
    }
    if (ch === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) throw syntaxError(source, column, 'this quote is never closed; add a closing "');
      const prefix = source[close + 1] === '*';
      tokens.push({ kind: 'phrase', text: source.slice(i + 1, close), prefix, column });
      i = close + (prefix ? 2 : 1);
      afterField = false;
      continue;
    }
    if (afterField) {
      const compare = /^(>=|<=|>|<|=)/.exec(source.slice(i));
      if (compare) {
        tokens.push({ kind: 'compare', op: compare[1] as '>' | '>=' | '<' | '<=' | '=', column });
        i += compare[1]!.length;
        afterField = false;
        continue;
      }
    }
    afterField = false;
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
    if (colon > 0) {
      const name = text.slice(0, colon);
      const rest = source.slice(i + colon + 1);
      const hasValue = rest.length > 0 && !/^\s/u.test(rest) && !rest.startsWith(')');
      // `Note: x` stays a word; `title: x` is a known field with an empty value (an error later).
      const known = KNOWN_FIELDS.includes(name.toLowerCase());
      if (FIELD_NAME.test(name) && (hasValue ? !rest.startsWith('//') : known)) {
        tokens.push({ kind: 'field', name: name.toLowerCase(), column });
        i += colon + 1;
        afterField = true;
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
