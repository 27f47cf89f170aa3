// Page leftovers that are not copy: analytics markers, button labels, share bars, wire footers,
// sign-offs. Each rule is named data (pattern, reason), so a wrong rule is easy to find, and
// every line a rule removes is reported with the rule's name (`removed`, for `--explain`).

export interface JunkRule {
  /** Stable name, shown beside each removed line. */
  name: string;
  /** Tested against the whole line, trimmed. */
  pattern: RegExp;
  /** Why such a line is not part of the story. */
  reason: string;
  /** Only right after share-bar lines ("X" alone is a share button there, and a letter elsewhere). */
  inShareBar?: boolean;
  /** Opens or continues a share bar, so short items after it are share buttons too. */
  sharing?: boolean;
}

/** Social networks and share targets whose names crawlers capture as a row of buttons. */
const NETWORKS =
  'facebook|twitter|x|linkedin|youtube|instagram|pinterest|reddit|whatsapp|telegram|tiktok|threads|' +
  'mastodon|bluesky|weibo|wechat|line|xing|tumblr|flipboard|email|e-mail|print|share|tweet|rss|sms|copy link';
/** Network names unmistakable on a line of their own (not "X" or "Line"). */
const SINGLE_NETWORKS =
  'facebook|twitter|linkedin|youtube|instagram|pinterest|reddit|whatsapp|telegram|tiktok|weibo|wechat|xing|' +
  'tumblr|flipboard|mastodon|bluesky|threads';

export const JUNK_RULES: readonly JunkRule[] = [
  { name: 'analytics-marker', pattern: /^omniture$/i, reason: 'analytics tag left in the page text' },
  { name: 'skip-link', pattern: /^(?:skip to (?:main )?content|skip navigation|skip to navigation|toggle navigation|jump to content)$/i, reason: 'accessibility link at the top of a page' },
  { name: 'button-label', pattern: /^(?:collection|print|email|e-mail|share|tweet|save|like|follow|bookmark|subscribe|comments?|close|menu|search|home|back to top|read more|see more|more|sign in|log in|register)$/i, reason: 'a page button or link label, not copy' },
  { name: 'share-bar', pattern: /^(?:share this (?:article|story|release|page|post)|share on \p{L}+|share article|share)$/iu, reason: 'share widget', sharing: true },
  { name: 'social-networks', pattern: new RegExp(`^(?:(?:${NETWORKS})(?:[\\s,|·•/]+|$)){2,12}$`, 'i'), reason: 'a row of social-network share buttons', sharing: true },
  { name: 'social-network', pattern: new RegExp(`^(?:${SINGLE_NETWORKS})$`, 'i'), reason: 'a social-network button on a line of its own', sharing: true },
  { name: 'share-bar-item', pattern: /^(?:x|line|email|e-mail|print|sms|copy link|rss)$/i, reason: 'a share button following other share buttons', inShareBar: true, sharing: true },
  { name: 'release-label', pattern: /^(?:for immediate release|news release|press release|media release|media advisory|communiqué de presse|comunicado de prensa|nota de prensa|pressemitteilung|presseinformation|comunicado à imprensa)\s*:?$/i, reason: 'a label over the release, not its headline' },
  { name: 'view-original', pattern: /^view original content(?:\s+to download multimedia)?\s*:?.{0,300}$/i, reason: "PR Newswire's link back to the release page" },
  { name: 'view-source-version', pattern: /^(?:view source version on [\w.-]{1,60}\s*:?.{0,300}|view the original press release on [\w.-]{1,60}.{0,300})$/i, reason: "Business Wire's and ACCESSWIRE's link back to the release page" },
  { name: 'source-version', pattern: /^to view the source version of this press release,? please visit.{0,300}$/i, reason: "Newsfile's link back to the release page" },
  { name: 'ein-email', pattern: /^email us here$/i, reason: "EIN Presswire's contact button" },
  { name: 'ein-social', pattern: /^visit us on social media\s*:?$/i, reason: "EIN Presswire's social-media heading", sharing: true },
  { name: 'ein-legal', pattern: /^legal disclaimer\s*:?$/i, reason: "EIN Presswire's disclaimer link" },
  { name: 'multimedia-link', pattern: /^(?:cision|(?:logo|photo|foto|video|vídeo|image|imagen|bild|multimedia)\s*[-:–]\s*https?:\/\/\S{1,300})$/i, reason: 'PR Newswire multimedia links and logo' },
  { name: 'globenewswire-footer', pattern: /^(?:globe newswire|globenewswire distribution id \d+|attachments?|related links?|tags|subscribe via (?:rss|atom)|javascript)$/i, reason: 'GlobeNewswire page furniture' },
  { name: 'media-outreach-footer', pattern: /^(?:hashtag\s*:\s*#.{0,200}|the issuer is solely responsible for the content of this announcement\.?)$/i, reason: "Media OutReach's hashtag line and disclaimer" },
  { name: 'copyright', pattern: /^(?:copyright|©|\(c\))\s?.{0,160}all rights reserved\..{0,200}$|^(?:copyright|©|\(c\))\s?.{0,160}all rights reserved$/i, reason: "a wire's copyright footer" },
  { name: 'prn-promo', pattern: /^(?:want your company's news featured on prnewswire\.com\??|get started|\d+k\+|newsrooms (?:&|and) influencers|digital media outlets|journalists opted in|also from this source|more news releases in similar topics|explore)$/i, reason: "PR Newswire's page promotions" },
  { name: 'reuters-standards', pattern: /^our standards:\s*the thomson reuters trust principles\.?$/i, reason: "Reuters' standards link under each story" },
  { name: 'cookie-notice', pattern: /^(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:settings|policy|preferences)).{0,300}$/i, reason: 'cookie banner' },
  { name: 'newsletter', pattern: /^(?:sign up for (?:our|the) newsletter|subscribe to (?:our|the) newsletter|get the latest news).{0,120}$/i, reason: 'subscription prompt' },
  { name: 'advertisement', pattern: /^(?:advertisement|advertising|sponsored content|story continues below(?: advertisement)?)$/i, reason: 'advertising placeholder' },
  { name: 'end-marker', pattern: /^(?:#{3,}|-\s?30\s?-|\*{3,}|end|\(end\)|enditem|■|--\s?(?:more|bernama|xinhua|yonhap|end))$/i, reason: 'end-of-copy mark or agency sign-off' },
  { name: 'reuter-signoff', pattern: /^reuters?$/i, reason: 'Reuters 1987 sign-off closing the body' },
];

/** Junk lines are short; no rule is tried on longer lines, which keeps prose lines cheap. */
export const JUNK_MAX_LINE = 400;

/** Lines up to this long are tested against every rule; longer ones only against `long` rules. */
const SHORT_LINE = 48;
/** Rules whose lines can be longer than SHORT_LINE (they end in a URL or a sentence). */
const LONG_RULES = new Set([
  'social-networks', 'view-original', 'view-source-version', 'source-version', 'multimedia-link', 'cookie-notice',
  'newsletter', 'media-outreach-footer', 'copyright', 'prn-promo', 'reuters-standards',
]);

const union = (rules: readonly JunkRule[]): RegExp => new RegExp(rules.map((r) => `(?:${r.pattern.source})`).join('|'), 'iu');
/**
 * The first words a long junk line can open with (the LONG_RULES' openings and the network
 * names), so most lines of copy are turned away by one Set lookup instead of a regex.
 * Keep in step with LONG_RULES.
 */
const LONG_FIRST_WORDS = new Set([
  ...(NETWORKS.split('|').map((n) => n.split(' ')[0] as string)),
  'view', 'to', 'cision', 'logo', 'photo', 'foto', 'video', 'vídeo', 'image', 'imagen', 'bild', 'multimedia',
  'we', 'this', 'accept', 'cookie', 'sign', 'subscribe', 'get', 'hashtag', 'the', 'copyright', '©', '(c)', 'want', 'our',
]);

/** A line's first word, lower case, without trailing punctuation ("Facebook," -> "facebook"). */
function firstWord(line: string): string {
  const space = line.indexOf(' ');
  const word = (space < 0 ? line : line.slice(0, space)).toLowerCase();
  if (word.startsWith('©')) return '©';
  return word.replace(/[,|/·•:]+$/u, '');
}

/** One regex that any rule would match, to reject ordinary lines in a single test. */
const ANY_JUNK_RE = union(JUNK_RULES);
const ANY_LONG_JUNK_RE = union(JUNK_RULES.filter((r) => LONG_RULES.has(r.name)));

/**
 * The rule that removes this (trimmed) line, or undefined when it is copy. `inShareBar` says
 * whether the line before was a share button, which makes "X" one too.
 */
export function junkRuleFor(line: string, inShareBar = false): JunkRule | undefined {
  if (line.length === 0 || line.length > JUNK_MAX_LINE) return undefined;
  if (line.length > SHORT_LINE && !LONG_FIRST_WORDS.has(firstWord(line))) return undefined;
  if (!(line.length <= SHORT_LINE ? ANY_JUNK_RE : ANY_LONG_JUNK_RE).test(line)) return undefined;
  return JUNK_RULES.find((r) => (inShareBar || !r.inShareBar) && r.pattern.test(line));
}
