// Query errors that show where they are: the query on one line and a caret under the column,
// so a message printed to a terminal or returned by the API needs nothing else to be read.
import { DatelineError } from '../core/index.js';
import type { ErrorCode } from '../core/index.js';

/** Long queries are shown as a window around the column so the caret stays on screen. */
const CARET_WINDOW = 60;

/**
 * The query on one line and a `^` under `column` (1-based) on the next.
 * @example caretDisplay('a OR', 5) === '  a OR\n      ^'
 */
export function caretDisplay(source: string, column: number): string {
  // Tabs and newlines would shift the caret; show them as spaces.
  const flat = source.replace(/\s/gu, ' ');
  let start = 0;
  let prefix = '';
  if (flat.length > CARET_WINDOW && column > CARET_WINDOW / 2) {
    start = column - 1 - CARET_WINDOW / 2;
    prefix = '…';
  }
  const shown = prefix + flat.slice(start, start + CARET_WINDOW) + (flat.length > start + CARET_WINDOW ? '…' : '');
  const offset = prefix.length + (column - 1 - start);
  return `  ${shown}\n  ${' '.repeat(Math.max(0, offset))}^`;
}

export function queryError(code: ErrorCode, source: string, column: number, what: string): DatelineError {
  return new DatelineError(code, `query: ${what} (column ${column})\n${caretDisplay(source, column)}`, {
    input: source,
    column,
  });
}

export function syntaxError(source: string, column: number, what: string): DatelineError {
  return queryError('E_QUERY_SYNTAX', source, column, what);
}

/** A query error as printed: the message already holds the caret display. */
export function formatQueryError(error: DatelineError): string {
  return `${error.code}: ${error.message}`;
}
