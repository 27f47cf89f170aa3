// Stable identifiers. A capture is named by the SHA-256 of its bytes; an article by its capture
// and its position there (or its source and feed guid), so reprocessing keeps every id.
import { createHash } from 'node:crypto';

/** Hex SHA-256 of raw bytes: the capture's id. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** 64 bits of a hash, as 16 hex characters: short enough to type, ample below a billion ids. */
function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The id of the article at `position` (0-based) in a capture. */
export function articleIdFromCapture(captureId: string, position: number): string {
  return shortHash(`capture:${captureId}#${position}`);
}

/** The id of a feed item: its source and its guid (or canonical URL when it has no guid). */
export function articleIdFromGuid(sourceId: string, guid: string): string {
  return shortHash(`guid:${sourceId}#${guid}`);
}
