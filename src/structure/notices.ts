// Notices printed above or below copy: corrections, updates and embargoes. Each is kept with its
// line as printed; an embargo also gets the time it lifts (ISO 8601, offset when stated).
import type { Notice } from '../core/index.js';
import { findDateTime } from './published.js';

interface NoticeRule {
  type: Notice['type'];
  pattern: RegExp;
}

/** Notice lines: the keyword opens the line (in capitals, or followed by a colon or dash). */
export const NOTICE_RULES: readonly NoticeRule[] = [
  { type: 'embargo', pattern: /^(?:\*{1,3}\s*)?(?:EMBARGOED|EMBARGO|Embargoed(?: until| till| to)|Embargo(?: until|:))\b/u },
  { type: 'correction', pattern: /^(?:\*{1,3}\s*)?(?:CORRECTION|CORRECTING|CORRECTED|Correction\s*[:-]|Corrected version|Corrected:)/u },
  { type: 'correction', pattern: /^\(?corrected version\b/i },
  { type: 'update', pattern: /^(?:\*{1,3}\s*)?(?:UPDATE\b|UPDATED\b|Update\s*[:-]|Updated\s*[:-])/u },
];
/** Notices are short lines. */
const NOTICE_MAX = 300;

/** The notice a line is, or undefined. */
export function noticeFor(line: string): Notice | undefined {
  if (line.length > NOTICE_MAX) return undefined;
  for (const rule of NOTICE_RULES) {
    if (!rule.pattern.test(line)) continue;
    const notice: Notice = { type: rule.type, text: line };
    if (rule.type === 'embargo') {
      const until = findDateTime(line);
      if (until !== undefined) notice.until = until;
    }
    return notice;
  }
  return undefined;
}
