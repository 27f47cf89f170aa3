// The wire services we recognise: one normalised name per service, whether it distributes
// issuers' releases or an agency's own copy, and how its credit is printed in a dateline.
import type { ArticleKind } from '../core/index.js';

export interface WireService {
  /** The one name the service goes by in dateline's output. */
  name: string;
  kind: Exclude<ArticleKind, 'article'>;
  /**
   * Credits as printed between brackets or slashes in a dateline, lower case: "(Reuters)",
   * "/PRNewswire/". A credit ending in `*` matches any suffix ("/PRNewswire-FirstCall/").
   */
  markers: readonly string[];
  /** Names printed as a leading credit ("Reuters - ...") or a credit line ("The Canadian Press"). */
  credits?: readonly string[];
  /**
   * Short bracketed credits such as "(AP)" or "(CP)" also occur as plain abbreviations, so they
   * count only when a dash or colon follows, as in a dateline. Press-release wire credits do not.
   */
  weak?: boolean;
}

export const WIRE_SERVICES: readonly WireService[] = [
  // Press-release wires (issuer-paid distribution).
  { name: 'PR Newswire', kind: 'release', markers: ['prnewswire*', '美通社', 'pr newswire'] },
  { name: 'Business Wire', kind: 'release', markers: ['business wire', 'businesswire'] },
  { name: 'GlobeNewswire', kind: 'release', markers: ['globe newswire', 'globenewswire'] },
  { name: 'ACCESSWIRE', kind: 'release', markers: ['accesswire', 'accesswire.com'] },
  { name: 'EIN Presswire', kind: 'release', markers: ['einpresswire.com', 'einpresswire', 'ein presswire'] },
  { name: 'Newsfile', kind: 'release', markers: ['newsfile corp', 'newsfile corp.', 'newsfile'] },
  { name: 'CNW', kind: 'release', markers: ['cnw', 'cnw telbec', 'cnw group'] },
  { name: 'PRWeb', kind: 'release', markers: ['prweb'] },
  { name: 'JCN Newswire', kind: 'release', markers: ['jcn newswire', 'jcnnewswire'] },
  { name: 'ACN Newswire', kind: 'release', markers: ['acn newswire', 'acnnewswire'] },
  { name: 'Media OutReach', kind: 'release', markers: ['media outreach newswire', 'media outreach'] },
  { name: 'news aktuell', kind: 'release', markers: ['ots'] },
  { name: 'APA-OTS', kind: 'release', markers: ['apa-ots'] },
  { name: 'Cision', kind: 'release', markers: ['cision'] },
  // News agencies.
  { name: 'Reuters', kind: 'agency', markers: ['reuters', 'reuter'], credits: ['Reuters', 'REUTERS'] },
  {
    name: 'Associated Press',
    kind: 'agency',
    markers: ['ap'],
    credits: ['AP', 'The Associated Press', 'Associated Press', 'THE ASSOCIATED PRESS'],
    weak: true,
  },
  { name: 'AFP', kind: 'agency', markers: ['afp'], credits: ['AFP', 'Agence France-Presse', 'Agence France Presse'], weak: true },
  { name: 'Xinhua', kind: 'agency', markers: ['xinhua', 'xinhuanet', '新华社'], credits: ['Xinhua', 'Xinhuanet'] },
  {
    name: 'The Canadian Press',
    kind: 'agency',
    markers: ['cp', 'canadian press', 'the canadian press'],
    credits: ['Canadian Press', 'The Canadian Press', 'THE CANADIAN PRESS', 'CP'],
    weak: true,
  },
  { name: 'UPI', kind: 'agency', markers: ['upi'], credits: ['UPI', 'United Press International'], weak: true },
  { name: 'Bloomberg', kind: 'agency', markers: ['bloomberg'], credits: ['Bloomberg'] },
  { name: 'Yonhap', kind: 'agency', markers: ['yonhap'], credits: ['Yonhap'] },
  { name: 'PTI', kind: 'agency', markers: ['pti'], weak: true },
  { name: 'IANS', kind: 'agency', markers: ['ians'], weak: true },
  { name: 'ANI', kind: 'agency', markers: ['ani'], weak: true },
  { name: 'TASS', kind: 'agency', markers: ['tass', 'itar-tass'] },
  { name: 'Interfax', kind: 'agency', markers: ['interfax'] },
  { name: 'Bernama', kind: 'agency', markers: ['bernama'] },
  { name: 'Antara', kind: 'agency', markers: ['antara'] },
  { name: 'dpa', kind: 'agency', markers: ['dpa', 'dpa-afx'], weak: true },
  { name: 'EFE', kind: 'agency', markers: ['efe'], weak: true },
  { name: 'Europa Press', kind: 'agency', markers: ['europa press'] },
  { name: 'ANSA', kind: 'agency', markers: ['ansa'], weak: true },
  { name: 'Kyodo', kind: 'agency', markers: ['kyodo'] },
  { name: 'Anadolu', kind: 'agency', markers: ['anadolu', 'anadolu agency'] },
];

const BY_MARKER = new Map<string, WireService>();
const PREFIX_MARKERS: { prefix: string; wire: WireService }[] = [];
const BY_CREDIT = new Map<string, WireService>();
const BY_NAME = new Map<string, WireService>();
for (const wire of WIRE_SERVICES) {
  BY_NAME.set(wire.name.toLowerCase(), wire);
  for (const m of wire.markers) {
    if (m.endsWith('*')) PREFIX_MARKERS.push({ prefix: m.slice(0, -1), wire });
    else BY_MARKER.set(m, wire);
  }
  for (const c of wire.credits ?? []) BY_CREDIT.set(c, wire);
}

/** The service a bracketed credit names ("PRNewswire-FirstCall", "GLOBE NEWSWIRE"), if any. */
export function wireByMarker(token: string): WireService | undefined {
  const key = token.toLowerCase().replace(/\s+/g, ' ').trim();
  const exact = BY_MARKER.get(key);
  if (exact) return exact;
  for (const { prefix, wire } of PREFIX_MARKERS) if (key.startsWith(prefix)) return wire;
  return undefined;
}

/** The service a credit name as printed ("AP", "Canadian Press") stands for, case-sensitive. */
export function wireByCredit(name: string): WireService | undefined {
  return BY_CREDIT.get(name);
}

/** The service by its normalised name ("Business Wire"), e.g. from a format's known fields. */
export function wireByName(name: string): WireService | undefined {
  return BY_NAME.get(name.toLowerCase()) ?? wireByMarker(name);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source of every marker, for the dateline's bracketed-credit pattern. */
export const MARKER_ALTERNATION = WIRE_SERVICES.flatMap((w) =>
  w.markers.map((m) => (m.endsWith('*') ? `${escape(m.slice(0, -1))}(?:-[\\p{L}\\p{N} ]{1,30})?` : escape(m).replace(/ /g, '\\s+'))),
)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Regex source of every leading credit name ("Reuters", "Canadian Press"). */
export const CREDIT_ALTERNATION = [...BY_CREDIT.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
