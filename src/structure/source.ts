// The issuer or credited source: "Source: X", PR Newswire's closing "SOURCE X" (and its
// Spanish, Portuguese, German and Chinese forms), news aktuell's "Original-Content von: X",
// "News provided by X", GlobeNewswire's "| Source: X", and as a last resort the "About X" heading.

/** A whole line naming the source: "Source: People's Daily", "SOURCE Acme Corp", "FUENTE Acme". */
const SOURCE_LINE_RE = /^(?:(?:source|fuente|fonte|quelle|источник|消息来源|消息來源|来源|來源)\s*[:：]\s*|(?:SOURCE|FUENTE|FONTE|QUELLE)\s+)(\S.{0,150})$/iu;
/** The closing keyword in capitals is a credit; "Source" in prose case needs its colon. */
const CAPS_KEYWORD_RE = /^(?:SOURCE|FUENTE|FONTE|QUELLE)\s/u;
/** "News provided by Acme Corp" on one line, or "News provided by" with the name below. */
const PROVIDED_BY_RE = /^news provided by\s*:?\s*(.{0,150})$/i;
/** Source lines are short; prose that happens to start with "Source" is not one. */
const SOURCE_LINE_MAX = 160;

/** news aktuell's closing credit: "Original-Content von: Acme AG, übermittelt durch news aktuell". */
const OTS_CREDIT_RE = /^Original-Content von\s*:\s*(.{1,150}?),\s*übermittelt durch news aktuell$/iu;

/** The source a line names, or undefined. */
export function sourceFromLine(line: string): string | undefined {
  if (line.length > SOURCE_LINE_MAX) return undefined;
  const ots = OTS_CREDIT_RE.exec(line);
  if (ots) return cleanName(ots[1] ?? '');
  const m = SOURCE_LINE_RE.exec(line);
  if (!m) return undefined;
  // "Source: company reports" under a table is a caption; a credit names someone.
  if (!/[:：]/.test(line.slice(0, 12)) && !CAPS_KEYWORD_RE.test(line)) return undefined;
  const name = cleanName(m[1] ?? '');
  return name === '' ? undefined : name;
}

/** For "News provided by": the name on the same line, "" when it is on the next, undefined if not. */
export function providedBy(line: string): string | undefined {
  const m = PROVIDED_BY_RE.exec(line);
  if (!m) return undefined;
  return cleanName(m[1] ?? '');
}

/** Trim a credited name of trailing punctuation that is not part of it ("Acme Corp;" -> "Acme Corp"). */
export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').replace(/[\s,;:|]+$/u, '').trim();
}
