// Site chrome around a syndicated copy (menus, the site's name, bylines, related-link lists,
// copyright footers), dropped line by line before shingling so two copies from different sites
// look like each other and like the original. Only lines that read as chrome go: a line with a
// digit is kept unless it is plainly a link list or a copyright notice, so figures in tables stay.
import { CHROME_MAX_WORDS, CHROME_MAX_LIST_ITEM_WORDS, CHROME_MIN_KEPT_SHARE } from './rules.js';

const SENTENCE_END = /[.!?"'\u201d\u2019)]$/;
const LINK_SEPARATORS = /\s[|\u00b7\u2022\u203a\u00bb>]\s|\s\|/;
const COPYRIGHT = /\u00a9|\bcopyright\b|\ball rights reserved\b/i;
const LIST_ITEM = /^[-*\u2022\u2013]\s/;
const DIGIT = /\d/;

/** Words in `line` (runs of non-whitespace), counting no further than `limit` + 1. */
function wordCount(line: string, limit: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const space =
      code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++n > limit) return n;
    }
  }
  return n;
}

/** Whether one trimmed, non-empty line reads as site chrome. */
export function isChromeLine(line: string): boolean {
  if (COPYRIGHT.test(line)) return true;
  const ended = SENTENCE_END.test(line);
  if (!ended && LINK_SEPARATORS.test(line)) return true;
  const limit = Math.max(CHROME_MAX_WORDS, CHROME_MAX_LIST_ITEM_WORDS);
  const words = wordCount(line, limit);
  if (words > limit) return false;
  if (words <= CHROME_MAX_LIST_ITEM_WORDS && LIST_ITEM.test(line)) return true;
  return !ended && words <= CHROME_MAX_WORDS && !DIGIT.test(line);
}

/**
 * `text` without its chrome lines; the text itself when it has no line breaks or when less than
 * CHROME_MIN_KEPT_SHARE of its characters would be left (a short note is not all chrome).
 */
export function withoutChrome(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let dropped = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '' && isChromeLine(trimmed)) dropped = true;
    else kept.push(line);
  }
  if (!dropped) return text;
  const out = kept.join('\n');
  return out.trim().length >= text.trim().length * CHROME_MIN_KEPT_SHARE ? out : text;
}
