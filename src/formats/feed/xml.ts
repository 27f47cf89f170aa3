// A tolerant XML reader for feeds. It builds a small element tree with namespaces resolved,
// xml:base and xml:lang carried down, and records every well-formedness error as a problem
// instead of stopping (feedparser's "bozo"): a mismatched end tag closes what it matches, a
// bare `&` stays a character, an HTML entity is decoded. The DOCTYPE is read only to find
// internal entities with plain replacement text; external entities are never fetched and
// entities that refer to other entities (billion laughs) are never expanded.
import { domainToUnicode } from 'node:url';
import { decodeHTMLStrict } from 'entities';

export interface XmlElement {
  /** Local name, as written (case kept). */
  local: string;
  /** The local name in lower case (feeds are matched case-insensitively). */
  name: string;
  /** Namespace URI, or '' for none. */
  ns: string;
  /** The prefix as written, or ''. */
  prefix: string;
  /** Attributes by qualified name as written, values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The element children alone, in order (what lookups walk). */
  elements: XmlElement[];
  /** xml:base in effect (already resolved against the parents' and the document's URL), or null. */
  base: string | null;
  /** xml:lang in effect, or null. */
  lang: string | null;
  /** Namespace declarations in scope, prefix -> URI ('' for the default). */
  scope: Readonly<Record<string, string>>;
}

export type XmlNode = XmlElement | string;

export interface XmlProblem {
  line: number;
  message: string;
}

export interface XmlDocument {
  root: XmlElement | null;
  /** The DOCTYPE's public identifier, when there is one (Netscape's RSS 0.91 names its DTD). */
  publicId: string | null;
  problems: XmlProblem[];
}

/** Internal entities longer than this are not expanded. */
export const MAX_ENTITY_CHARS = 1024;
/** All entity expansions of one document together stay under this many characters. */
export const MAX_ENTITY_EXPANSION_CHARS = 1_000_000;
/** Deeper nesting than this is cut off (a stack bomb). */
export const MAX_XML_DEPTH = 256;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*/y;

interface Open {
  element: XmlElement;
  name: string;
}

/**
 * Reads an XML document as well as it can. `url`, when given, is the document's own base for
 * xml:base (feedparser's Content-Location).
 */
export function readXml(text: string, url: string | null = null): XmlDocument {
  const problems: XmlProblem[] = [];
  const entities = new Map<string, string>();
  let expanded = 0;
  let pos = 0;
  const lineAt = (index: number): number => {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  const problem = (index: number, message: string): void => {
    if (problems.length < 100) problems.push({ line: lineAt(index), message });
  };

  const decode = (raw: string, at: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*)?(;?)/g, (whole, ref: string | undefined, semi: string) => {
      if (!ref || !semi) {
        problem(at, `"&" not followed by an entity reference (write &amp;)`);
        return whole;
      }
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isFinite(code) || code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
          problem(at, `invalid character reference ${whole}`);
          return '\uFFFD';
        }
        // Windows-1252's printable characters written by their byte values (&#146; for ’), as
        // old Windows tools did: read as the characters meant, as HTML parsers do.
        if (code >= 0x80 && code <= 0x9f) return new TextDecoder('windows-1252').decode(Uint8Array.of(code));
        return String.fromCodePoint(code);
      }
      const predefined = PREDEFINED[ref];
      if (predefined !== undefined) return predefined;
      const declared = entities.get(ref);
      if (declared !== undefined) {
        expanded += declared.length;
        if (expanded > MAX_ENTITY_EXPANSION_CHARS) {
          problem(at, `entity expansion over ${MAX_ENTITY_EXPANSION_CHARS} characters; &${ref}; left unexpanded`);
          return whole;
        }
        return declared;
      }
      const html = decodeHTMLStrict(whole);
      problem(at, `undefined entity &${ref};${html !== whole ? ' (read as the HTML entity)' : ''}`);
      return html;
    });
  };

  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let publicId: string | null = null;
  const documentScope: Record<string, string> = { xml: XML_NS };

  const appendText = (value: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (/\S/.test(value)) problem(at, root ? 'text after the document element' : 'text before the document element');
      return;
    }
    const children = top.element.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + value;
    else children.push(value);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      appendText(decode(text.slice(pos), pos), pos);
      break;
    }
    if (lt > pos) appendText(decode(text.slice(pos, lt), pos), pos);
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end === -1) {
        problem(pos, 'unterminated comment');
        break;
      }
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end === -1) {
        problem(pos, 'unterminated CDATA section');
        appendText(text.slice(pos + 9), pos);
        break;
      }
      if (stack.length === 0) problem(pos, 'CDATA outside the document element');
      else appendText(text.slice(pos + 9, end), pos);
      pos = end + 3;
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end === -1) {
        problem(pos, 'unterminated processing instruction');
        break;
      }
      if (/^<\?xml[\s?]/i.test(text.slice(pos, pos + 6)) && pos > 0 && /\S/.test(text.slice(0, pos).replace(/^\uFEFF/, ''))) {
        problem(pos, 'XML declaration not at the start of the document');
      }
      pos = end + 2;
    } else if (/^<!DOCTYPE/i.test(text.slice(pos, pos + 9))) {
      publicId ??= /^<!DOCTYPE\s+[^\s>[]+\s+PUBLIC\s+(["'])([^"']*)\1/i.exec(text.slice(pos, pos + 300))?.[2] ?? null;
      pos = readDoctype(text, pos, entities, problem);
    } else if (text[pos + 1] === '/') {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(text);
      const close = text.indexOf('>', pos);
      if (!m || close === -1) {
        problem(pos, 'malformed end tag');
        appendText('<', pos);
        pos += 1;
        continue;
      }
      if (/\S/.test(text.slice(NAME.lastIndex, close))) problem(pos, `junk in end tag </${m[0]}>`);
      const name = m[0];
      let match = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]!.name === name) {
          match = i;
          break;
        }
      }
      if (match === -1) problem(pos, `end tag </${name}> matches no open element; ignored`);
      else {
        if (match !== stack.length - 1) problem(pos, `end tag </${name}> closes unclosed <${stack[stack.length - 1]!.name}>`);
        stack.length = match;
      }
      pos = close + 1;
    } else {
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(text);
      if (!m) {
        problem(pos, '"<" not starting a tag (write &lt;)');
        appendText('<', pos);
        pos += 1;
        continue;
      }
      const tag = readAttributes(text, NAME.lastIndex, decode, (message) => problem(pos, message));
      const name = m[0];
      if (stack.length === 0 && root) problem(pos, `a second document element <${name}>; ignored`);
      const parent = stack[stack.length - 1]?.element;
      // An element that declares no namespace shares its parent's scope.
      let declared: Record<string, string> | undefined;
      for (const attr in tag.attrs) {
        if (attr !== 'xmlns' && !attr.startsWith('xmlns:')) continue;
        declared ??= { ...(parent?.scope ?? documentScope) };
        declared[attr === 'xmlns' ? '' : attr.slice(6)] = tag.attrs[attr]!.trim();
      }
      const scope = declared ?? parent?.scope ?? documentScope;
      const colon = name.indexOf(':');
      const prefix = colon > 0 ? name.slice(0, colon) : '';
      const local = colon > 0 ? name.slice(colon + 1) : name;
      let ns = scope[prefix] ?? '';
      if (prefix && scope[prefix] === undefined) {
        problem(pos, `undeclared namespace prefix "${prefix}"`);
        ns = prefix;
      }
      const parentBase = parent ? parent.base : url;
      const xmlBase = tag.attrs['xml:base'];
      const element: XmlElement = {
        local,
        name: local.toLowerCase(),
        ns,
        prefix,
        attrs: tag.attrs,
        children: [],
        elements: [],
        base: xmlBase !== undefined ? safeBase(resolveUrl(xmlBase.trim(), parentBase), parentBase) : parentBase,
        lang: tag.attrs['xml:lang'] !== undefined ? tag.attrs['xml:lang']!.trim().replace(/_/g, '-') || null : (parent?.lang ?? null),
        scope,
      };
      if (parent) {
        parent.children.push(element);
        parent.elements.push(element);
      }
      else if (!root) root = element;
      if (!tag.selfClosing && stack.length < MAX_XML_DEPTH) stack.push({ element, name });
      else if (stack.length >= MAX_XML_DEPTH) problem(pos, `nesting deeper than ${MAX_XML_DEPTH}; cut off`);
      pos = tag.end;
    }
  }
  if (stack.length > 0) problem(text.length, `document ended with <${stack.map((o) => o.name).join('>, <')}> unclosed`);
  if (!root) problem(0, 'no document element');
  return { root, publicId, problems };
}

function readAttributes(
  text: string,
  start: number,
  decode: (raw: string, at: number) => string,
  problem: (message: string) => void,
): { attrs: Record<string, string>; selfClosing: boolean; end: number } {
  const attrs: Record<string, string> = {};
  let pos = start;
  const attr = /\s*([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (pos >= text.length) {
      problem('unterminated start tag');
      return { attrs, selfClosing: true, end: text.length };
    }
    if (text[pos] === '>') return { attrs, selfClosing: false, end: pos + 1 };
    if (text.startsWith('/>', pos)) return { attrs, selfClosing: true, end: pos + 2 };
    if (text[pos] === '<') {
      problem('start tag not closed before "<"');
      return { attrs, selfClosing: false, end: pos };
    }
    attr.lastIndex = pos;
    const m = attr.exec(text);
    if (!m) {
      problem(`junk in start tag at "${text.slice(pos, pos + 10)}"`);
      pos++;
      continue;
    }
    const [, name = '', dq, sq, bare] = m;
    const value = dq ?? sq ?? bare;
    if (value === undefined || bare !== undefined) problem(`attribute ${name} without a quoted value`);
    if (value !== undefined && value.includes('<')) problem(`"<" in the value of attribute ${name}`);
    if (name in attrs) problem(`attribute ${name} given twice`);
    // XML normalises whitespace characters in attribute values to spaces.
    attrs[name] = decode((value ?? '').replace(/[\t\n\r]/g, ' '), pos);
    pos = attr.lastIndex;
  }
}

/**
 * Skips a DOCTYPE with its internal subset, keeping internal entities whose replacement text is
 * plain (no markup, no references: so no entity can grow another). External entities and
 * parameter entities are ignored, never fetched.
 */
function readDoctype(text: string, start: number, entities: Map<string, string>, problem: (at: number, message: string) => void): number {
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  if (close === -1) {
    problem(start, 'unterminated DOCTYPE');
    return text.length;
  }
  if (bracket === -1 || bracket > close) return close + 1;
  const end = text.indexOf(']', bracket);
  const subsetEnd = end === -1 ? -1 : text.indexOf('>', end);
  if (subsetEnd === -1) {
    problem(start, 'unterminated DOCTYPE internal subset');
    return text.length;
  }
  const subset = text.slice(bracket + 1, end);
  const declaration = /<!ENTITY\s+(%\s+)?([^\s%]+)\s+(?:(SYSTEM|PUBLIC)\b[^>]*|"([^"]*)"|'([^']*)')\s*>/g;
  for (const m of subset.matchAll(declaration)) {
    const [, parameter, name = '', external, dq, sq] = m;
    if (parameter) continue;
    if (external) {
      problem(start, `external entity &${name}; declared; never fetched, left unexpanded`);
      continue;
    }
    const value = dq ?? sq ?? '';
    if (/[&%<]/.test(value.replace(/&#(?:\d+|x[0-9a-fA-F]+);/g, '')) || value.length > MAX_ENTITY_CHARS) {
      problem(start, `entity &${name}; refers to other entities or markup; never expanded`);
      continue;
    }
    if (!entities.has(name)) entities.set(name, value.replace(/&#(\d+|x[0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(n[0] === 'x' ? parseInt(n.slice(1), 16) : +n)));
  }
  return subsetEnd + 1;
}

/** URL schemes an xml:base may name; any other (javascript:, data:) is ignored. */
const BASE_SCHEMES = /^(?:https?|ftp|file|urn|tag):/i;

function safeBase(base: string, parentBase: string | null): string | null {
  return /^[a-z][a-z\d+.-]*:/i.test(base) && !BASE_SCHEMES.test(base) ? parentBase : base;
}

/** Resolves `href` against `base` when it can; otherwise returns it as it is. */
export function resolveUrl(href: string, base: string | null): string {
  if (!base) return href;
  try {
    // An absolute URL is kept as the feed wrote it (host case, IRI characters), as feed readers
    // do, unless its authority is broken (http:///host/) and the URL parser's repair is needed.
    if (/^[a-z][a-z\d+.-]*:/i.test(href)) return /^(?!file:)[a-z][a-z\d+.-]*:\/\/\//i.test(href) ? new URL(href).href : href;
    const resolved = new URL(href, base);
    // An IRI stays an IRI: the WHATWG parser's percent-encoding and punycode are undone.
    if (!/[^\x00-\x7f]/.test(href + base)) return resolved.href;
    const host = domainToUnicode(resolved.host) || resolved.host;
    return `${resolved.protocol}//${resolved.username ? `${resolved.username}@` : ''}${host}${decodeURI(resolved.pathname + resolved.search + resolved.hash)}`;
  } catch {
    return href;
  }
}

/** The text inside an element, CDATA included, child elements' text included. */
export function textOf(node: XmlNode): string {
  if (typeof node === 'string') return node;
  let out = '';
  for (const child of node.children) out += textOf(child);
  return out;
}

/** The element's content as XML again (for inline XHTML and for markup left unescaped). */
export function innerXml(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? escapeText(child) : outerXml(child);
  return out;
}

function outerXml(element: XmlElement): string {
  const name = element.local;
  let attrs = '';
  for (const [key, value] of Object.entries(element.attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:') || key.startsWith('xml:')) continue;
    attrs += ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`;
  }
  if (element.children.length === 0 && VOID.has(name.toLowerCase())) return `<${name}${attrs} />`;
  return `<${name}${attrs}>${innerXml(element)}</${name}>`;
}

/** HTML elements without content, written `<br />` as feedparser and XHTML do. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
