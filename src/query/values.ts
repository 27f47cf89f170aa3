// Values of `site:` and `url:` as the language means them, the same for every backend.
import type { QueryNode } from '../core/index.js';

/** `https:`, `urn:`: a scheme, where `example.com:8080` (a dot before the colon) is a host and port. */
const SCHEME = /^([a-z][a-z0-9+-]*):/iu;

/**
 * A `site:` value: a host when it looks like one (a URL, or a dotted name without spaces), taken
 * as the URL parser would (lower case, IDN as punycode, no port or path); otherwise a site name.
 * @example siteValue('https://www.Reuters.com/markets') === 'www.reuters.com'
 * @example siteValue('PR Newswire') === 'PR Newswire'
 */
export function siteValue(text: string): string {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//iu.test(text);
  if (!isUrl && (/\s/u.test(text) || !text.includes('.'))) return text;
  try {
    const host = new URL(isUrl ? text : `http://${text.replace(/^\*\./u, '')}`).hostname.replace(/\.+$/u, '');
    return host === '' ? text : host;
  } catch {
    return text;
  }
}

/**
 * A `url:` value: the URL as written when it has a scheme; without one (`example.com/a`), that
 * URL under https or http.
 */
export function urlNode(value: string, prefix: boolean): QueryNode {
  if (SCHEME.test(value)) return { type: 'url', value, prefix };
  return {
    type: 'or',
    children: [
      { type: 'url', value: `https://${value}`, prefix },
      { type: 'url', value: `http://${value}`, prefix },
    ],
  };
}
