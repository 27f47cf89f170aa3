// Ingest: the stage that composes formats, structure and enrichment, and hands results to a Store.
export { EXTRACTOR_VERSION, articlesOf } from './assemble.js';
export { draftsOf } from './drafts.js';
export type { CaptureInput } from './assemble.js';
export { ingest, ingestCapture, ARTICLE_CHUNK } from './ingest.js';
export type { CaptureIngestOptions, IngestFailure, IngestOptions, IngestProgress, IngestSummary } from './ingest.js';
export { ParsePool } from './pool.js';
export { captureFromBytes, expandInputs, readCapture } from './inputs.js';
export type { BytesOrigin, ExpandedInputs, InputFile } from './inputs.js';
export { reprocess } from './reprocess.js';
export { restory, storiesOf } from './stories.js';
export type { ReprocessSummary } from './reprocess.js';
export { SOURCE_KINDS, detectSource, followSource, parseSourceKind } from './follow.js';
export type { DetectedSource, FollowRequest } from './follow.js';
export { captureOf } from './linked-page.js';
export type { FetchedSource, SourceFetcher } from './poll.js';
