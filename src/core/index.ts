// The core's one door: the model, ids and errors every stage shares.
export * from './model.js';
export * from './draft.js';
export * from './errors.js';
export * from './ids.js';
export * from './query.js';
export * from './scripts.js';
export * from './sizes.js';
export * from './hosts.js';
export * from './instant.js';
