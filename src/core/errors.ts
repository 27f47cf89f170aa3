// One error class for every boundary: a stable code callers and tests match on, the input it
// concerns, and the place in that input when one is known.

export type ErrorCode =
  | 'E_USAGE' // bad command-line usage (exit 2)
  | 'E_INPUT_EMPTY' // an empty file or stream
  | 'E_INPUT_BINARY' // bytes that are not text in any encoding we read
  | 'E_INPUT_TOO_LARGE' // over the size limit
  | 'E_INPUT_UNREADABLE' // missing file, permission denied
  | 'E_ENCODING' // bytes that cannot be decoded as the declared or detected charset
  | 'E_SGML_MALFORMED' // a Reuters SGML document we cannot split into stories
  | 'E_JSONL_MALFORMED' // a JSONL line that is not a JSON object
  | 'E_FEED_MALFORMED' // a document that holds no RSS, RDF, Atom or JSON Feed (an HTML page, broken JSON)
  | 'E_NO_ARTICLE' // a capture that holds no article text
  | 'E_INPUT_PROBLEM' // a part of an input that could not be read (the rest was)
  | 'E_QUERY_SYNTAX' // a search query we cannot parse
  | 'E_QUERY_UNBOUNDED' // a query made only of negations
  | 'E_QUERY_FIELD' // a filter on a field we do not know
  | 'E_NOT_FOUND' // an id that is not in the store
  | 'E_STORE' // the database refused an operation
  | 'E_FETCH_URL' // a URL we cannot fetch: unparsable, or not http(s)
  | 'E_FETCH_BLOCKED' // a fetch refused by policy: robots.txt, or an address the SSRF guard forbids
  | 'E_FETCH_TIMEOUT' // connect, headers, body or overall fetch deadline passed
  | 'E_FETCH_TOO_LARGE' // a response body over the limit, on the wire or after decoding
  | 'E_FETCH_STATUS' // an HTTP status we do not accept (4xx, 5xx after retries, 3xx without Location)
  | 'E_FETCH_NETWORK' // DNS, connection refused or reset, a broken response
  | 'E_FETCH_REDIRECTS' // more redirects than allowed
  | 'E_FETCH_DECODE' // a Content-Encoding we cannot read, or a corrupt compressed body
  | 'E_AUTH_REQUIRED' // an API request without a token, or with one we do not know (HTTP 401)
  | 'E_AUTH_SCOPE' // an API token without the scope the endpoint needs (HTTP 403)
  | 'E_MEDIA_TYPE' // a request body of a media type the endpoint does not read (HTTP 415)
  | 'E_NOT_IMPLEMENTED' // something this server is not set up to do, such as fetching (HTTP 501)
  | 'E_RATE_LIMITED' // too many API requests from one token or address for now (HTTP 429)
  | 'E_UNAVAILABLE' // the server cannot answer now: a reader thread stopped, or it is closing (HTTP 503)
  | 'E_INTERNAL'; // a bug: never expected, always reported

export interface ErrorDetails {
  /** The input the error concerns: a path, a URL, a query string. */
  input?: string;
  /** 1-based line in the input, where known. */
  line?: number;
  /** 1-based column in the input, where known. */
  column?: number;
  cause?: unknown;
}

export class DatelineError extends Error {
  readonly code: ErrorCode;
  readonly input: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DatelineError';
    this.code = code;
    this.input = details.input;
    this.line = details.line;
    this.column = details.column;
  }

  /** A JSON shape for `--json` output and API bodies. */
  toJSON(): { code: ErrorCode; message: string; input?: string; line?: number; column?: number } {
    const out: { code: ErrorCode; message: string; input?: string; line?: number; column?: number } = {
      code: this.code,
      message: this.message,
    };
    if (this.input !== undefined) out.input = this.input;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    return out;
  }
}

/** The code for a problem inside an input (a broken line, a broken story), by the input's format. */
export function problemCode(format: string): ErrorCode {
  if (format === 'feed') return 'E_FEED_MALFORMED';
  return format === 'jsonl' ? 'E_JSONL_MALFORMED' : format === 'reuters-sgml' ? 'E_SGML_MALFORMED' : 'E_INPUT_PROBLEM';
}

export function isDatelineError(error: unknown): error is DatelineError {
  return error instanceof DatelineError;
}
