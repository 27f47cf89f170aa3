// How large one capture may be, and byte counts as people read them: shared by the format
// parsers, which refuse an oversized capture, and ingest, which refuses it before reading it.

/** One capture's limit: past it a file is refused with E_INPUT_TOO_LARGE and a hint to split it. */
export const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

/** A byte count as people read it: `20 MiB`, `512 KiB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
