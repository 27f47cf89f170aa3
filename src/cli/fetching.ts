// The fetcher as the commands configure it: private ranges from --allow-private and
// DATELINE_ALLOW_PRIVATE, a contact URL for the User-Agent from DATELINE_CONTACT_URL.
import { Fetcher } from '../capture/fetcher.js';
import { parseAllowList } from '../capture/ssrf.js';

export function fetcherFor(allowPrivate: readonly string[] | undefined, options: { minDelayMs?: number } = {}): Fetcher {
  const allow = [...parseAllowList(process.env.DATELINE_ALLOW_PRIVATE), ...parseAllowList((allowPrivate ?? []).join(','))];
  return new Fetcher({
    allowPrivate: allow,
    ...(process.env.DATELINE_CONTACT_URL ? { contactUrl: process.env.DATELINE_CONTACT_URL } : {}),
    ...(options.minDelayMs !== undefined ? { minDelayMs: options.minDelayMs } : {}),
  });
}
