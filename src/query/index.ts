// The query language's one door: parse what a person typed, render a tree back, show errors.
export { parseQuery, isBounded, MAX_QUERY_LENGTH } from './parse.js';
export type { ParseOptions } from './parse.js';
export { formatQuery } from './format.js';
export { formatQueryError, caretDisplay } from './errors.js';
export { KNOWN_FIELDS } from './lex.js';
