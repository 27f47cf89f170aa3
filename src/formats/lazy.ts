// Heavy dependencies, loaded the first time they are needed: most captures (wire text, SGML,
// JSONL) never are, and loading sanitize-html (with postcss) and feedsmith up front cost every
// process and every parse worker about 0.25 s. Both ship CommonJS builds, which load synchronously.
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import type * as Feedsmith from 'feedsmith';

const load = createRequire(import.meta.url);

let sanitizeHtml: typeof SanitizeHtml | undefined;
let feedsmithModule: typeof Feedsmith | undefined;

/** sanitize-html, loaded on first use. */
export function sanitizer(): typeof SanitizeHtml {
  return (sanitizeHtml ??= load('sanitize-html') as typeof SanitizeHtml);
}

/** feedsmith, loaded on first use. */
export function feedsmith(): typeof Feedsmith {
  return (feedsmithModule ??= load('feedsmith') as typeof Feedsmith);
}
