// A capture's bytes into article drafts, through the format parser it is sniffed as.
import type { ParsedCapture } from '../core/index.js';
import { type ParseOptions, parseCapture } from '../formats/index.js';
import { type CaptureInput, articleUrlOf } from './assemble.js';

/** Parses a capture into drafts (throws DatelineError when the capture as a whole is bad). */
export function draftsOf(input: CaptureInput, hooks: Pick<ParseOptions, 'onFormat' | 'onDraft'> = {}): ParsedCapture {
  const { capture } = input;
  return parseCapture(input.bytes, { name: input.name, contentType: capture.contentType, url: articleUrlOf(capture) }, hooks);
}
