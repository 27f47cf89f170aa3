// Language detection with eld's medium model (scored by ngram-model.ts). A pure function of the
// text: the same text always gives the same answer, which lets reprocess rebuild articles exactly.
import { CJK } from '../core/index.js';
import { scoreLanguage } from './ngram-model.js';

/**
 * eld reads no more than about 350 bytes of letters and word breaks, so a longer sample changes
 * nothing but the time spent cleaning it.
 */
export const LANGUAGE_SAMPLE_CHARS = 400;
/** Below this many letters a guess is noise, so we say nothing rather than something wrong. */
export const LANGUAGE_MIN_LETTERS = 12;

const LETTER = /\p{L}/u;

/**
 * ISO 639-1 code of the text's language, or null when the text is too short or eld is unsure.
 * @example detectLanguage('La empresa anunció hoy sus resultados') // 'es'
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > LANGUAGE_SAMPLE_CHARS ? cutAtSpace(text, LANGUAGE_SAMPLE_CHARS) : text;
  const letters = countLetters(sample, LANGUAGE_MIN_LETTERS);
  // A few Han characters carry as much as a sentence of Latin letters.
  if (letters < LANGUAGE_MIN_LETTERS && !(letters >= 4 && CJK.test(sample))) return null;
  return scoreLanguage(sample);
}

/** Letters in the text, counting no further than `enough`. */
function countLetters(text: string, enough: number): number {
  let letters = 0;
  for (let i = 0; i < text.length && letters < enough; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x80 && LETTER.test(text[i]!))) letters++;
  }
  return letters;
}

function cutAtSpace(text: string, limit: number): string {
  const space = text.lastIndexOf(' ', limit);
  return text.slice(0, space > limit / 2 ? space : limit);
}
