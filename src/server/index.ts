// The server's one door: the API as a Hono app, the listener, and API tokens.
export { createApp, DEFAULT_MAX_BODY_BYTES } from './app.js';
export type { ServerOptions } from './app.js';
export { serve } from './serve.js';
export type { Listening, ServeOptions } from './serve.js';
export { ReaderPool, defaultReaderCount } from './readers/index.js';
export type { ReaderPoolOptions, StoreReads } from './readers/index.js';
export { createToken, verifyToken } from './tokens.js';
export { openApiDocument } from './openapi.js';
