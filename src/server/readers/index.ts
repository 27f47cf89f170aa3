// Reader threads for the API's reads: the pool, and what it answers.
export { READER_IN_FLIGHT, ReaderPool, defaultReaderCount } from './pool.js';
export type { ReaderPoolOptions } from './pool.js';
export type { StoreReads } from './protocol.js';
