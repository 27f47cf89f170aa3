// Renders a syntax tree back to query text in one canonical form: fully explicit operators and
// parentheses, so tests and debug output show exactly how a query was understood.
import type { QueryNode } from '../core/index.js';

/** Quotes a value when it would not read back as one bare word. */
function quoted(value: string): string {
  // Bare only when it reads back as the same term: no operator, no sign, no trailing * (a prefix),
  // and no leading comparison (after a field, `title:=a` would read as one).
  return /^[^\s()":]+$/u.test(value) && !/^(AND|OR|NOT)$/.test(value) && !/^[-+<>=]/.test(value) && !value.endsWith('*')
    ? value
    : `"${value.replace(/"/g, '')}"`;
}

/**
 * The canonical text of a query tree; parsing it again gives the same tree.
 * @example formatQuery(parseQuery('a b OR -c').root) === '((a AND b) OR NOT c)'
 */
export function formatQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term': {
      const field = node.field === 'any' ? '' : `${node.field}:`;
      return `${field}${quoted(node.value)}${node.prefix ? '*' : ''}`;
    }
    case 'phrase': {
      const field = node.field === 'any' ? '' : `${node.field}:`;
      return `${field}"${node.words.join(' ')}"`;
    }
    case 'near': {
      const field = node.field === 'any' ? '' : `${node.field}:`;
      return `${field}"${node.words.join(' ')}"~${node.distance}`;
    }
    case 'and':
      return `(${node.children.map(formatQuery).join(' AND ')})`;
    case 'or':
      return `(${node.children.map(formatQuery).join(' OR ')})`;
    case 'not':
      return `NOT ${formatQuery(node.child)}`;
    case 'filter':
      return `${node.field}:${quoted(node.value)}`;
    case 'ticker':
      return `ticker:${quoted(node.exchange === null ? node.symbol : `${node.exchange}:${node.symbol}`)}`;
    case 'url':
      // Always quoted: a URL holds a colon, and `"..."*` is how a quoted value takes a prefix.
      return `url:"${node.value}"${node.prefix ? '*' : ''}`;
    case 'published':
      return `published:${node.op}${node.date}`;
    case 'publishedAt':
      return `published:${node.op}${node.instant}`;
  }
}
