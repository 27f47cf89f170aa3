// A response body read under a byte limit that holds twice: on the bytes off the wire and on the
// bytes after Content-Encoding is undone. Decoding is streamed and pulled, so a gzip bomb is
// inflated only as far as the limit and never held in memory whole.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';

export interface BodyLimit {
  maxBytes: number;
  /** 'error' fails with E_FETCH_TOO_LARGE; 'truncate' keeps the first maxBytes (robots.txt). */
  overflow: 'error' | 'truncate';
}

export interface BodyRead {
  bytes: Uint8Array;
  /** True when the body was cut at the limit ('truncate' only). */
  truncated: boolean;
}

// Browsers and curl accept a gzip or deflate stream that ends without its trailer; so do we.
const LENIENT_ZLIB: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const LENIENT_BROTLI: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/** The Accept-Encoding we send: exactly what `readBody` can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Reads `body` to the end, undoing `contentEncoding` (a Content-Encoding header value; codings
 * listed in the order applied, so undone in reverse).
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  limit: BodyLimit,
  url: string,
): Promise<BodyRead> {
  const decoders = decodersFor(contentEncoding, url);
  const decodeErrors = new WeakSet<object>();
  for (const decoder of decoders) decoder.once('error', (error) => decodeErrors.add(error));

  const tooLarge = (where: string) =>
    new FetchError('E_FETCH_TOO_LARGE', url, `body over ${limit.maxBytes} bytes ${where}`);
  const wire = byteLimit(limit.maxBytes, () => tooLarge('on the wire'));
  // Errors anywhere upstream reach the last stream, whose iteration then rejects; leaving the
  // loop early destroys every stream, which aborts the request.
  const decoded = pipeline([body, wire, ...decoders], () => {}) as unknown as AsyncIterable<Buffer>;

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded) {
      const room = limit.maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(room, 0);
        throw tooLarge(decoders.length > 0 ? 'after decoding' : 'on the wire');
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    if (limit.overflow === 'truncate' && error instanceof FetchError && error.code === 'E_FETCH_TOO_LARGE') {
      body.destroy();
      return { bytes: concat(chunks, size), truncated: true };
    }
    body.destroy();
    if (error instanceof Error && decodeErrors.has(error)) {
      const detail = `cannot undo Content-Encoding ${contentEncoding} (${error.message})`;
      throw new FetchError('E_FETCH_DECODE', url, detail, { cause: error });
    }
    throw error;
  }
  return { bytes: concat(chunks, size), truncated: false };
}

/** The streams that undo a Content-Encoding, outermost coding first. */
function decodersFor(contentEncoding: string | undefined, url: string): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip(LENIENT_ZLIB);
      case 'deflate':
        return new InflateEither();
      case 'br':
        return zlib.createBrotliDecompress(LENIENT_BROTLI);
      default:
        throw new FetchError('E_FETCH_DECODE', url, `unsupported Content-Encoding "${coding}"`);
    }
  });
}

/** Fails with `error()` once more than `maxBytes` have passed through. */
function byteLimit(maxBytes: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(error());
      else callback(null, chunk);
    },
  });
}

/**
 * HTTP "deflate" is meant to be zlib-wrapped (RFC 9110 8.4.1.2), but some servers send raw
 * deflate. The first byte tells: a zlib header's low nibble is 8 (the deflate method).
 */
class InflateEither extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const inner = (this.#inner ??= this.#open(chunk));
    if (inner.write(chunk)) callback();
    else inner.once('drain', () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#inner) return callback();
    this.#inner.once('end', () => callback());
    this.#inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }

  #open(first: Buffer): zlib.Inflate | zlib.InflateRaw {
    const zlibWrapped = first.length > 0 && ((first[0] ?? 0) & 0x0f) === 8;
    const inner = zlibWrapped ? zlib.createInflate(LENIENT_ZLIB) : zlib.createInflateRaw(LENIENT_ZLIB);
    // Backpressure: stop inflating while our reader is not asking for more.
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause();
    });
    inner.on('error', (error) => this.destroy(error));
    return inner;
  }

  override _read(size: number): void {
    this.#inner?.resume();
    super._read(size);
  }
}

function concat(chunks: readonly Buffer[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
