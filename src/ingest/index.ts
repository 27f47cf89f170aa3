// Ingest: the stage that composes formats, structure and enrichment, and hands results to a Store.
export { EXTRACTOR_VERSION, articlesOf } from './assemble.js';
export { draftsOf } from './drafts.js';
export type { CaptureInput } from './assemble.js';
export { ingest, ARTICLE_CHUNK } from './ingest.js';
export type { IngestFailure, IngestOptions, IngestProgress, IngestSummary } from './ingest.js';
export { expandInputs, readCapture } from './inputs.js';
export type { ExpandedInputs, InputFile } from './inputs.js';
export { reprocess } from './reprocess.js';
export { restory, storiesOf } from './stories.js';
export type { ReprocessSummary } from './reprocess.js';
