// Reading inputs named on the command line: files, folders (walked in name order, hidden
// entries skipped) and `-` for standard input. Each becomes a Capture with its bytes.
// Synchronous file calls: a folder of small releases spends most of its time in per-file
// overhead, and each asynchronous call is several hops through the thread pool.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Capture, DatelineError, MAX_CAPTURE_BYTES, formatSize, sha256Hex } from '../core/index.js';


export interface InputFile {
  /** The path as the user would recognise it, or `-` for standard input. */
  name: string;
  path: string | null;
  /** Bytes on disk when known (not for standard input). */
  size: number | null;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Paths that do not exist, each as an error naming it. */
  missing: DatelineError[];
}

/** Expands folders into the files under them; a missing path is an error naming it. */
export async function expandInputs(args: string[]): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const missing: DatelineError[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push({ name: '-', path: null, size: null });
      continue;
    }
    try {
      const info = statSync(arg);
      if (info.isDirectory()) await walk(arg, files);
      else files.push({ name: arg, path: arg, size: info.size });
    } catch (error) {
      missing.push(new DatelineError('E_INPUT_UNREADABLE', `${arg}: no such file or folder`, { input: arg, cause: error }));
    }
  }
  return { files, missing };
}

async function walk(dir: string, out: InputFile[]): Promise<void> {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) out.push({ name: path, path, size: statSync(path).size });
  }
}

/**
 * Reads an input into a Capture. A file's capture time is its modification time, so parsing
 * the same file twice gives the same output; standard input is stamped with the time it is read.
 */
export async function readCapture(input: InputFile, now: () => Date = () => new Date()): Promise<{ capture: Capture; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  let fetchedAt: string;
  let url: string;
  if (input.path === null) {
    return captureFromBytes(await readStdin(), { url: 'stdin:', fetchedAt: now().toISOString() });
  } else {
    const unreadable = (error: unknown) =>
      new DatelineError('E_INPUT_UNREADABLE', `${input.name}: cannot read (${(error as Error).message})`, { input: input.name, cause: error });
    let info;
    try {
      info = statSync(input.path);
    } catch (error) {
      throw unreadable(error);
    }
    if (info.size > MAX_CAPTURE_BYTES) {
      throw new DatelineError(
        'E_INPUT_TOO_LARGE',
        `${input.name}: ${formatSize(info.size)} is over the ${formatSize(MAX_CAPTURE_BYTES)} limit for one capture; split it into smaller files`,
        { input: input.name },
      );
    }
    try {
      bytes = readFileSync(input.path);
    } catch (error) {
      throw unreadable(error);
    }
    fetchedAt = info.mtime.toISOString();
    url = pathToFileURL(resolve(input.path)).href;
  }
  return captureFromBytes(bytes, { url, fetchedAt });
}

/** Where bytes held in memory came from: standard input, an HTTP request body. */
export interface BytesOrigin {
  /** `stdin:`, `file:` or the http(s) URL the bytes were taken from (which articles then carry). */
  url: string;
  fetchedAt: string;
  /** The Content-Type the bytes came with, a hint to the format sniffer. */
  contentType?: string | null;
}

/** Bytes already in memory as a Capture: content-addressed, with their provenance. */
export function captureFromBytes(bytes: Uint8Array, origin: BytesOrigin): { capture: Capture; bytes: Uint8Array } {
  const sha256 = sha256Hex(bytes);
  return {
    bytes,
    capture: { id: sha256, sha256, url: origin.url, fetchedAt: origin.fetchedAt, status: null, headers: {}, contentType: origin.contentType ?? null, size: bytes.byteLength },
  };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > MAX_CAPTURE_BYTES) {
      throw new DatelineError('E_INPUT_TOO_LARGE', `-: standard input is over the ${formatSize(MAX_CAPTURE_BYTES)} limit for one capture`, { input: '-' });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
