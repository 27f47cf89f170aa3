// Enrichment: what we derive from an article's text beyond its structure.
export { detectLanguage, LANGUAGE_SAMPLE_CHARS } from './language.js';
