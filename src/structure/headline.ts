// The headline and byline at the top of wire text, and the wire credits that sit beside them
// (a title ending "(AP)", a credit line "The Canadian Press").
import { wireByCredit, wireByMarker, type WireService } from './wires.js';

/** Longer than this, a first line is a paragraph, not a headline. */
export const TITLE_MAX = 300;
/** A first paragraph that opens with a dateline and is longer than this is copy, not a headline. */
export const DATELINE_TITLE_MAX = 150;
/** After a credited, dated dateline, this much text is a sentence of copy, not a headline's end. */
export const DATELINE_COPY_MIN = 60;
/** "By Jane Doe", "By JANE DOE and John Roe, Reuters", "By Dr. Jane Doe". */
const BYLINE_RE = /^(?:By|BY):?\s+(\p{Lu}[^\n]{1,100})$/u;
/** Words a byline's name part should not contain: a sentence that starts "By ..." is not one. */
const BYLINE_PROSE_RE = /\b(?:the|is|was|will|has|have|said|to|of|in|on)\b/;
/** A title's closing wire credit: "Ky. Company Wins Grant (AP)", "... (Reuters)". */
const TITLE_CREDIT_RE = /\(([^()]{1,30})\)\s*$/;
/**
 * A notice opening a headline: "CORRECTION - ...", "UPDATE 2-...", Business Wire's
 * "CORRECTING and REPLACING Acme Reports ...".
 */
export const TITLE_NOTICE_RE = /^(?:(?:CORRECTED|CORRECTION|CORRECTING|UPDATE\s*\d*|UPDATED)\s*[-:–—]|CORRECTING and REPLACING\s+\S)/u;

/** The name in a byline line ("By Jane Doe" -> "Jane Doe"), or undefined. */
export function bylineOf(line: string): string | undefined {
  if (line.length > 110) return undefined;
  const m = BYLINE_RE.exec(line);
  if (!m) return undefined;
  const name = (m[1] ?? '').trim();
  if (BYLINE_PROSE_RE.test(name)) return undefined;
  return name;
}

/** The wire a credit line stands for ("The Canadian Press", "Associated Press"). */
export function creditLineWire(line: string): WireService | undefined {
  if (line.length > 40) return undefined;
  return wireByCredit(line.trim());
}

/** The wire credited at the end of a headline, as aggregators print it. */
export function titleWire(title: string): WireService | undefined {
  const m = TITLE_CREDIT_RE.exec(title);
  if (!m) return undefined;
  const token = (m[1] ?? '').trim();
  return wireByMarker(token) ?? wireByCredit(token);
}
