// How a filter value matches an article's field: the whole value, ignoring case and accents;
// for places also any comma-separated part, so `place:atlanta` finds "ATLANTA, GA, UNITED STATES";
// for sites the URL's host or a parent domain, or the site's name; for tickers the symbol alone
// or with its exchange. The article side is folded once, at write time, into key columns that
// plain SQL compares.
import type { Ticker } from '../core/index.js';

/** Lower case without diacritics: `MÜNCHEN` and `Munchen` both become `munchen`. */
export function foldValue(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Delimits the parts of a key column (`\u0001a\u0001b\u0001`); it cannot occur in folded text. */
export const KEY_SEPARATOR = '\u0001';

function keyOf(parts: readonly string[]): string | null {
  return parts.length === 0 ? null : KEY_SEPARATOR + parts.join(KEY_SEPARATOR) + KEY_SEPARATOR;
}

/** The key columns of an article: folded wire and source; place and each part, delimited. */
export function filterKeys(
  wire: string | null,
  source: string | null,
  place: string | null,
): { wire: string | null; source: string | null; place: string | null } {
  let placeKey: string | null = null;
  if (place !== null) {
    const whole = foldValue(place);
    const parts = whole.split(',').map((part) => part.trim()).filter(Boolean);
    placeKey = keyOf([whole, ...parts]);
  }
  return { wire: wire === null ? null : foldValue(wire), source: source === null ? null : foldValue(source), place: placeKey };
}

/** One ticker as a key part: `ibm`, or `nyse:ibm` with its exchange. */
export function tickerPart(exchange: string | null, symbol: string): string {
  return exchange === null ? foldValue(symbol) : `${foldValue(exchange)}:${foldValue(symbol)}`;
}

/** Each ticker's symbol, and its exchange with its symbol: `ticker:IBM` and `ticker:NYSE:IBM` both match. */
export function tickerKey(tickers: readonly Ticker[]): string | null {
  if (tickers.length === 0) return null;
  const parts = new Set<string>();
  for (const { exchange, symbol } of tickers) {
    parts.add(tickerPart(null, symbol));
    parts.add(tickerPart(exchange, symbol));
  }
  return keyOf([...parts]);
}

/**
 * The URL's host and each parent domain (`www.reuters.com`, `reuters.com`, `com`), then the
 * folded site name: `site:reuters.com` finds www.reuters.com, `site:"PR Newswire"` the name.
 */
export function siteKey(url: string | null, siteName: string | null): string | null {
  const parts: string[] = [];
  const host = url === null ? null : hostOf(url);
  if (host !== null) {
    // An address has no parent domains.
    if (/^[\d.]+$|^\[/u.test(host)) parts.push(host);
    else for (let at = host; at !== ''; at = at.slice(at.indexOf('.') + 1 || at.length)) parts.push(at);
  }
  if (siteName !== null && siteName.trim() !== '') parts.push(foldValue(siteName));
  return keyOf(parts);
}

/** An http(s) URL with a plain ASCII name for a host: its host is that name in lower case. */
const PLAIN_HOST = /^https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*)\.*(?::\d*)?(?:[/?#]|$)/iu;

/** The host as the URL parser gives it (lower case, IDN as punycode), without a final dot. */
function hostOf(url: string): string | null {
  // The common case without the URL parser (a fifth of the cost); the parser for the rest.
  const plain = PLAIN_HOST.exec(url);
  if (plain) return plain[1]!.toLowerCase();
  let host: string;
  try {
    host = new URL(url).hostname.replace(/\.+$/u, '');
  } catch {
    return null;
  }
  return host === '' ? null : foldValue(host);
}
