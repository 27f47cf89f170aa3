// The server's one door: the API as a Hono app, the listener, and API tokens.
export { createApp, DEFAULT_MAX_BODY_BYTES } from './app.js';
export type { ServerOptions } from './app.js';
export { serve } from './serve.js';
export type { Listening } from './serve.js';
export { createToken, verifyToken } from './tokens.js';
export { openApiDocument } from './openapi.js';
