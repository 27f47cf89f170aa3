// The query parser: tokens to the syntax tree in src/core/query.ts, by recursive descent with
// NOT binding tighter than AND (also implied between adjacent clauses), and AND tighter than OR.
//
//   query   := or
//   or      := and ("OR" and)*
//   and     := unary (["AND"] unary)*          adjacent clauses are ANDed
//   unary   := "NOT" unary | "-" primary | "+" primary | primary
//   primary := "(" or ")" | phrase | word ["*"] | field
//   phrase  := "\"" words "\"" ["*" | "~" N]     `~N`: the words within N words of each other
//   field   := ("title" | "text") ":" (word | phrase | "(" or ")")
//            | ("wire" | "source" | "place" | "lang" | "kind" | "site" | "story") ":" (word | phrase)
//            | "ticker:" [exchange ":"] symbol
//            | "url:" (word | phrase) ["*"]          `*`: a URL prefix
//            | "published:" [">" | ">=" | "<" | "<=" | "="] bound
//            | "published:" ("[" | "{") (bound | "*") "TO" (bound | "*") ("]" | "}")
//   bound   := YYYY-MM-DD | YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM] | now[(+|-)N(h|d|w|m|y)]
//
// Operators are upper-case only (`and` is a word). `word:` is a field only when `word` is all
// letters and a value follows at once, so `14:17` and URLs stay words.
import { DatelineError } from '../core/index.js';
import type { Comparison, FilterField, Query, QueryNode, TextField } from '../core/index.js';
import { PUBLISHED_FORMS, comparisonOf, readBound } from './dates.js';
import type { Bound } from './dates.js';
import { queryError, syntaxError } from './errors.js';
import { FILTER_FIELDS, KNOWN_FIELDS, TEXT_FIELDS, lex } from './lex.js';
import type { Token } from './lex.js';
import { siteValue, urlNode } from './values.js';

/** Longer queries are refused: nobody types them, and they bound the parser's work. */
export const MAX_QUERY_LENGTH = 4096;
/** Deeper nesting is refused so a pathological query cannot exhaust the stack. */
const MAX_DEPTH = 64;
/** A term or phrase word must hold something the full-text index can see. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

export interface ParseOptions {
  /**
   * The moment `now` in `published:>now-7d` stands for. Defaults to the clock at the time of
   * the call; pass one to get the same tree every time (tests, a page of results that must not move).
   */
  now?: Date;
}

/**
 * Parses a search query into its syntax tree. Relative dates are resolved against `options.now`.
 * @example parseQuery('cocoa (brazil OR bahia) -futures wire:Reuters published:>=1987-03-01')
 * @example parseQuery('"rate cut"~5 ticker:NYSE:IBM published:>now-7d', { now: new Date() })
 * @throws DatelineError E_QUERY_SYNTAX (with `column`), E_QUERY_FIELD, E_QUERY_UNBOUNDED
 */
export function parseQuery(text: string, options: ParseOptions = {}): Query {
  if (text.length > MAX_QUERY_LENGTH) {
    throw syntaxError(text.slice(0, 80), 1, `the query is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const now = (): Date => options.now ?? new Date();
  const parser = new Parser(text, lex(text), now);
  const root = parser.parse();
  if (!isBounded(root)) {
    throw new DatelineError(
      'E_QUERY_UNBOUNDED',
      'query: NOT and - only leave things out (and `a OR -b` keeps nearly everything); ' +
        'add at least one term to match, for example `cocoa -futures`',
      { input: text },
    );
  }
  return { source: text, root };
}

/** True when the node limits what matches; a lone NOT (or an OR with one) matches nearly all. */
export function isBounded(node: QueryNode): boolean {
  switch (node.type) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(isBounded);
    case 'or':
      return node.children.every(isBounded);
    default:
      return true;
  }
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly now: () => Date,
  ) {}

  parse(): QueryNode {
    if (this.tokens.length === 0) throw syntaxError(this.source, 1, 'there is nothing to search for; type a word');
    const root = this.parseOr();
    const extra = this.peek();
    if (extra) {
      // The only token parseOr stops before without consuming is a closing parenthesis.
      throw syntaxError(this.source, extra.column, 'this ) has no matching (');
    }
    return root;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token | undefined {
    return this.tokens[this.position++];
  }

  private endColumn(): number {
    return this.source.length + 1;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      this.next();
      this.expectOperand(token, 'OR');
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (!token || token.kind === 'or' || token.kind === 'rparen') break;
      if (token.kind === 'and') {
        this.next();
        this.expectOperand(token, 'AND');
      }
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  /** After a binary operator there must be a clause, not the end, `)` or another operator. */
  private expectOperand(operator: Token, name: string): void {
    const after = this.peek();
    if (!after || after.kind === 'rparen' || after.kind === 'or' || after.kind === 'and') {
      throw syntaxError(this.source, operator.column, `${name} needs a clause on both sides`);
    }
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (!token) throw syntaxError(this.source, this.endColumn(), 'the query ends where a clause was expected');
    if (token.kind === 'not' || token.kind === 'minus') {
      this.next();
      const after = this.peek();
      if (!after || after.kind === 'rparen' || after.kind === 'or' || after.kind === 'and') {
        throw syntaxError(this.source, token.column, `${token.kind === 'not' ? 'NOT' : '-'} needs a clause after it`);
      }
      // `-` binds to one primary; NOT to a unary, so `NOT NOT a` and `NOT -a` read as written.
      return { type: 'not', child: token.kind === 'not' ? this.nested(() => this.parseUnary()) : this.parsePrimary() };
    }
    if (token.kind === 'plus') {
      // `+x` marks x as required, which every clause already is under the default AND.
      this.next();
      return this.parsePrimary();
    }
    if (token.kind === 'and' || token.kind === 'or') {
      throw syntaxError(this.source, token.column, `${token.kind.toUpperCase()} needs a clause on both sides`);
    }
    return this.parsePrimary();
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      throw syntaxError(this.source, this.peek()?.column ?? this.endColumn(), 'the query nests too deeply');
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (!token) throw syntaxError(this.source, this.endColumn(), 'the query ends where a clause was expected');
    switch (token.kind) {
      case 'lparen':
        return this.parseGroup(token);
      case 'rparen':
        throw syntaxError(this.source, token.column, 'this ) has no matching (');
      case 'phrase':
        return this.phrase('any', token);
      case 'word':
        return this.term('any', token.text, token.column);
      case 'field':
        return this.parseField(token);
      case 'compare':
        throw syntaxError(this.source, token.column, 'a comparison only follows published:');
      case 'range':
        throw syntaxError(this.source, token.column, 'a range only follows published:');
      default:
        throw syntaxError(this.source, token.column, 'an operator cannot start a clause here');
    }
  }

  private parseGroup(open: Token): QueryNode {
    if (this.peek()?.kind === 'rparen') throw syntaxError(this.source, open.column, 'these parentheses are empty');
    const inner = this.nested(() => this.parseOr());
    const close = this.next();
    if (!close || close.kind !== 'rparen') throw syntaxError(this.source, open.column, 'this ( is never closed; add a )');
    return inner;
  }

  private parseField(field: Extract<Token, { kind: 'field' }>): QueryNode {
    if (!KNOWN_FIELDS.includes(field.name)) {
      throw queryError(
        'E_QUERY_FIELD',
        this.source,
        field.column,
        `unknown field '${field.name}:'; the fields are ${KNOWN_FIELDS.map((f) => `${f}:`).join(' ')}`,
      );
    }
    const value = this.peek();
    const valueColumn = field.column + field.name.length + 1;
    const adjacent = value !== undefined && value.column === valueColumn;
    if (!adjacent || !['word', 'phrase', 'lparen', 'compare', 'range'].includes(value.kind)) {
      throw syntaxError(this.source, valueColumn, `${field.name}: needs a value right after the colon`);
    }
    if (field.name === 'published') return this.parsePublished(valueColumn);
    if ((TEXT_FIELDS as readonly string[]).includes(field.name)) {
      const textField = field.name as TextField;
      this.next();
      if (value.kind === 'lparen') return withField(this.parseGroup(value), textField);
      if (value.kind === 'phrase') return this.phrase(textField, value);
      if (value.kind === 'word') return this.term(textField, value.text, value.column, true);
      throw syntaxError(this.source, value.column, `${field.name}: takes a word, a "phrase" or a (group)`);
    }
    if (value.kind !== 'word' && value.kind !== 'phrase') {
      throw syntaxError(this.source, value.column, `${field.name}: takes a word or a "quoted value"`);
    }
    this.next();
    if (value.kind === 'phrase' && value.distance !== null) {
      throw syntaxError(this.source, value.column, `~N follows a phrase searched as text, not a ${field.name}: value`);
    }
    const text = value.text.trim();
    if (text === '') throw syntaxError(this.source, value.column, `${field.name}: needs a value inside the quotes`);
    if (field.name === 'ticker') return this.ticker(text, value.column);
    if (field.name === 'url') {
      const prefix = value.kind === 'phrase' ? value.prefix : /\*$/u.test(text);
      const url = value.kind === 'phrase' ? text : text.replace(/\*+$/u, '');
      if (url === '') throw syntaxError(this.source, value.column, 'url: needs a URL or the start of one before the *');
      return urlNode(url, prefix);
    }
    const filterField = field.name as FilterField;
    if (!(FILTER_FIELDS as readonly string[]).includes(filterField)) {
      throw syntaxError(this.source, value.column, `${field.name}: takes a word or a "quoted value"`);
    }
    return { type: 'filter', field: filterField, value: filterField === 'site' ? siteValue(text) : text };
  }

  /** `ticker:IBM` on any exchange, `ticker:NYSE:IBM` on one; the last colon splits them. */
  private ticker(text: string, column: number): QueryNode {
    const colon = text.lastIndexOf(':');
    const exchange = colon < 0 ? null : text.slice(0, colon).trim();
    const symbol = text.slice(colon + 1).trim();
    if (exchange === '' || !SEARCHABLE.test(symbol)) {
      throw syntaxError(this.source, column, 'ticker: takes a symbol (ticker:IBM) or an exchange and a symbol (ticker:NYSE:IBM)');
    }
    return { type: 'ticker', exchange, symbol };
  }

  private parsePublished(valueColumn: number): QueryNode {
    const first = this.peek();
    if (first?.kind === 'range') {
      this.next();
      return this.range(first);
    }
    let op: Comparison = '=';
    if (first?.kind === 'compare') {
      op = first.op;
      this.next();
    }
    const value = this.next();
    if (!value || value.kind !== 'word') {
      const column = value?.column ?? (first?.kind === 'compare' ? first.column + first.op.length : valueColumn);
      throw syntaxError(this.source, column, PUBLISHED_FORMS);
    }
    return this.comparison(op, this.bound(value.text, value.column), value.column);
  }

  /** `[a TO b]` includes its ends, `{a TO b}` leaves them out (mixing is allowed); `*` is open. */
  private range(token: Extract<Token, { kind: 'range' }>): QueryNode {
    const parts = [...token.body.matchAll(/\S+/gu)].map((m) => ({ text: m[0], column: token.bodyColumn + m.index }));
    if (parts.length !== 3 || parts[1]!.text !== 'TO') {
      throw syntaxError(
        this.source,
        token.column,
        'a range reads [FROM TO UNTIL], each end a date, a moment, now-7d or *, as in published:[2023-01-01 TO 2023-12-31]',
      );
    }
    const [lower, , upper] = parts as [(typeof parts)[0], unknown, (typeof parts)[0]];
    const nodes: QueryNode[] = [];
    if (lower.text !== '*') {
      nodes.push(this.comparison(token.open === '[' ? '>=' : '>', this.bound(lower.text, lower.column), lower.column));
    }
    if (upper.text !== '*') {
      nodes.push(this.comparison(token.close === ']' ? '<=' : '<', this.bound(upper.text, upper.column), upper.column));
    }
    if (nodes.length === 0) throw syntaxError(this.source, token.column, 'this range has no ends; give a date on at least one side of TO');
    return nodes.length === 1 ? nodes[0]! : { type: 'and', children: nodes };
  }

  private bound(text: string, column: number): Bound {
    const bound = readBound(text, this.now);
    if ('problem' in bound) throw syntaxError(this.source, column, bound.problem);
    return bound;
  }

  private comparison(op: Comparison, bound: Bound, column: number): QueryNode {
    const node = comparisonOf(op, bound);
    if ('problem' in node) throw syntaxError(this.source, column, node.problem);
    return node;
  }

  private term(field: TextField, raw: string, column: number, isFieldValue = false): QueryNode {
    const prefix = raw.length > 1 && raw.endsWith('*');
    const value = prefix ? raw.replace(/\*+$/u, '') : raw;
    if (!SEARCHABLE.test(value)) {
      throw syntaxError(
        this.source,
        column,
        isFieldValue ? 'this value has no letters or digits to search for' : `'${raw}' has no letters or digits to search for`,
      );
    }
    return { type: 'term', field, value, prefix };
  }

  private phrase(field: TextField, token: Extract<Token, { kind: 'phrase' }>): QueryNode {
    const words = token.text.split(/\s+/u).filter((word) => SEARCHABLE.test(word));
    if (words.length === 0) throw syntaxError(this.source, token.column, 'this phrase has no words to search for');
    // `"a:b"*` is how a prefix is written for a word that needs quoting; one word is near itself.
    if (words.length === 1) return { type: 'term', field, value: words[0]!, prefix: token.prefix };
    if (token.prefix) throw syntaxError(this.source, token.column, 'a prefix * follows one word, not a phrase of several');
    if (token.distance !== null) return { type: 'near', field, words, distance: token.distance };
    return { type: 'phrase', field, words };
  }
}

/** `title:(a OR "b c")` applies the field to every term and phrase inside the group. */
function withField(node: QueryNode, field: TextField): QueryNode {
  switch (node.type) {
    case 'term':
    case 'phrase':
    case 'near':
      return node.field === 'any' ? { ...node, field } : node;
    case 'and':
    case 'or':
      return { type: node.type, children: node.children.map((child) => withField(child, field)) };
    case 'not':
      return { type: 'not', child: withField(node.child, field) };
    default:
      return node;
  }
}
