// Plain wire text, as crawled: the whole capture is one article; the structurer finds its parts.
import { DatelineError } from '../core/index.js';
import type { ArticleDraft } from '../core/index.js';
import { hasWords, normaliseText } from './normalize.js';

/** One draft from a decoded text. Throws E_NO_ARTICLE when it holds no letter or digit. */
export function parseText(text: string, name: string): ArticleDraft[] {
  const normalised = normaliseText(text);
  if (!hasWords(normalised)) {
    throw new DatelineError('E_NO_ARTICLE', `formats: ${name} holds no words (only punctuation or symbols), so no article`, {
      input: name,
    });
  }
  return [{ position: 0, text: normalised, known: {}, extra: {} }];
}
