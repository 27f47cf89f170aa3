// The parts of a release that are not its story: the issuer's "About ..." boilerplate and the
// contact blocks (Contacts, Media Contact, Investor Relations, names with emails and phones).
// They are moved out of `paragraphs` into `about` and `contacts`, kept as printed.

/**
 * "About Acme Corp", "ABOUT PEOPLE'S DAILY", "Acerca de Acme", "Sobre a Acme", "Über die Acme",
 * "À propos de l'Acme", "关于Acme"; an article after the keyword is not part of the name.
 */
const ABOUT_HEADING_RE =
  /^(?:about|acerca de|sobre|über|à propos de|a propos de|informazioni su|关于|關於)\s*(?:(?:the|a|o|os|as|el|la|los|las|le|les|die|der|das)\s+|l['’])?(\S.{0,90}?)\s*:?$/iu;
/** Headings too generic to name the issuer ("About Us", "About the Company"). */
const GENERIC_ABOUT = /^(?:us|company|the company|this release|this press release|the issuer|la empresa|nosotros|l'entreprise|uns|das unternehmen)$/i;
/** How an issuer's name starts: a capital, a digit run into letters ("3M"), or a CJK character. */
const NAME_START_RE = /^(?:\p{Lu}|\p{N}+\p{L}|\p{Lo})/u;
/** Small words that may sit lower case inside a name ("Bank of America", "Moët et Chandon"). */
const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'de', 'du', 'des', 'la', 'le', 'et', 'und', 'y', 'e', 'da', 'do', 'van', 'von', 'der', 'en', 'in', 'on', '&']);
/** Headings that open a contact block. */
const CONTACT_HEADING_RE = new RegExp(
  '^(?:(?:media|press|investor|investors|analyst|company|editorial|news media|public relations|pr)\\s+)?' +
    '(?:contacts?|inquiries|enquiries|relations)(?:\\s+(?:information|details|data|contacts?))?\\s*:?$' +
    '|^investor relations(?:\\s+contacts?)?\\s*:?$' +
    '|^for (?:further|more|additional) information(?:[ ,].{0,60})?:?$' +
    '|^(?:contact|contacts|kontakt|pressekontakt|ansprechpartner|contacto(?: de prensa)?|contato|contact presse|contacts presse|' +
    'renseignements|pour plus de renseignements|informations|para más información|para mais informações|' +
    '媒体联系人|联系人|媒體聯絡人|媒体垂询|媒體查詢)\\s*[:：]?$',
  'iu',
);
/** "Contact: Jane Doe, jane@acme.com": a contact line with its heading inline. */
const CONTACT_INLINE_RE =
  /^(?:(?:media |press |investor )?contacts?\s*:|for (?:further|more|additional) information[^:]{0,40}:|renseignements\s*:)\s*\S/i;
/** Headings after the boilerplate that open ordinary copy again. */
const BODY_HEADING_RE = /^(?:forward[- ]looking statements?|safe harbor(?: statement)?|cautionary (?:note|statement).{0,60}|disclaimer|notes? to editors?|non-gaap financial measures)\s*:?$/i;
const EMAIL_RE = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,4}/u;
/** Seven or more digits in a phone's usual dress: "+1 (555) 010-0100", "+44 20 7946 0000". */
const PHONE_RE = /(?:^|[\s:])\+?\(?\d{1,4}\)?[\s.-]?\(?\d{1,4}\)?[\s.-]?\d{2,4}[\s.-]?\d{2,5}(?:$|[\s,;])/;
/** A headless contact block is a few short lines. */
const CONTACT_BLOCK_MAX_LINES = 10;
const CONTACT_LINE_MAX = 120;

export interface AboutHeading {
  /** The issuer it names, or undefined for "About Us". */
  name?: string;
}

/** An "About X" heading line, or undefined. */
export function aboutHeading(line: string): AboutHeading | undefined {
  if (line.length > 100) return undefined;
  const m = ABOUT_HEADING_RE.exec(line);
  if (!m) return undefined;
  const name = (m[1] ?? '').trim();
  if (GENERIC_ABOUT.test(name)) return {};
  // A heading, not a sentence ("About 57 mln dlrs of debt is affected."): it names someone,
  // so it starts with a capital (or "3M", or CJK), has few words, mostly capitalised.
  if (!NAME_START_RE.test(name) || /[.!?]\s/.test(name) || /[!?]$/.test(name)) return undefined;
  const words = name.split(/\s+/);
  if (words.length > 10) return undefined;
  let lower = 0;
  for (const w of words) if (/^\p{Ll}/u.test(w) && !CONNECTORS.has(w)) lower++;
  if (lower * 3 > words.length) return undefined;
  if (name.endsWith('.') && !/(?:\b\p{L}{1,5}\.|\.\p{L}\.)$/u.test(name)) return undefined; // "Inc." yes, "affected." no
  return { name };
}

export function isContactHeading(line: string): boolean {
  return line.length <= 80 && CONTACT_HEADING_RE.test(line);
}

export function isContactInline(line: string): boolean {
  return line.length <= 200 && CONTACT_INLINE_RE.test(line);
}

export function isBodyHeading(line: string): boolean {
  return line.length <= 80 && BODY_HEADING_RE.test(line);
}

/** A phone number has at least this many digits ("31.8850 marks" is a price, not a phone). */
const PHONE_MIN_DIGITS = 7;

function hasPhone(line: string): boolean {
  const m = PHONE_RE.exec(line);
  if (!m) return false;
  let digits = 0;
  for (const c of m[0]) if (c >= '0' && c <= '9') digits++;
  return digits >= PHONE_MIN_DIGITS;
}

/** Whether a line carries an email address or a phone number. */
export function hasReach(line: string): boolean {
  return (line.includes('@') && EMAIL_RE.test(line)) || hasPhone(line);
}

/** Whether a block of lines reads as a contact block without a heading (name, email, phone). */
export function isContactBlock(lines: readonly string[]): boolean {
  if (lines.length === 0 || lines.length > CONTACT_BLOCK_MAX_LINES) return false;
  let reach = false;
  for (const line of lines) {
    if (line.length > CONTACT_LINE_MAX) return false;
    if (!reach && hasReach(line)) reach = true;
  }
  return reach;
}
