// Builders and a small corpus for the store conformance suite: captures and articles made the
// way ingest makes them (ids from the capture's bytes and the article's position).
import { articleIdFromCapture, sha256Hex } from '../core/index.js';
import type { Article } from '../core/index.js';
import type { CaptureRecord } from './store.js';

export function captureRecord(body: string, overrides: Partial<CaptureRecord> = {}): CaptureRecord {
  const bytes = new TextEncoder().encode(body);
  const id = sha256Hex(bytes);
  return {
    capture: {
      id,
      sha256: id,
      url: `file:${id.slice(0, 8)}.txt`,
      fetchedAt: '2024-03-05T12:00:00.000Z',
      status: null,
      headers: { 'x-test': 'yes' },
      contentType: 'text/plain',
      size: bytes.length,
    },
    bytes,
    format: 'text',
    encoding: 'utf-8 (bom)',
    error: null,
    expectedArticles: 1,
    ...overrides,
  };
}

export function article(captureId: string, position: number, fields: Partial<Article> = {}): Article {
  const text = fields.text ?? `Body of article ${position}.`;
  return {
    id: articleIdFromCapture(captureId, position),
    captureId,
    url: null,
    canonicalUrl: null,
    kind: 'release',
    wire: 'PR Newswire',
    source: 'Acme Corp',
    siteName: null,
    published: '2024-03-05T08:30:00-05:00',
    publishedZone: 'stated',
    modified: null,
    dateline: { place: 'NEW YORK', date: '2024-03-05' },
    title: `Article ${position}`,
    byline: null,
    description: null,
    paragraphs: text.split('\n\n'),
    text,
    about: [],
    contacts: [],
    tickers: [],
    notices: [],
    image: null,
    language: 'en',
    views: null,
    entities: [],
    keywords: [],
    storyId: null,
    extractor: 'conformance',
    extra: {},
    ...fields,
  };
}

/** One capture per article, so each can be looked up by a short name in the tests. */
export interface CorpusEntry {
  name: string;
  fields: Partial<Article>;
}

export const CORPUS: readonly CorpusEntry[] = [
  {
    name: 'cocoa-title',
    fields: {
      title: 'Cocoa harvest improves in Bahia',
      text: 'Showers continued throughout the week in the Bahia zone, improving prospects for farmers.',
      wire: 'Reuters',
      source: null,
      kind: 'agency',
      published: '1987-02-26T15:01:01',
      dateline: { place: 'SALVADOR', date: '1987-02-26' },
    },
  },
  {
    name: 'cocoa-body',
    fields: {
      title: 'Commodity markets weekly review',
      text: 'Coffee was steady. Cocoa futures fell on the London exchange as traders sold grain and sugar.',
      wire: 'Reuters',
      source: null,
      kind: 'agency',
      published: '1987-03-02T10:00:00',
      dateline: { place: 'LONDON', date: '1987-03-02' },
    },
  },
  {
    name: 'cafe',
    fields: {
      title: 'Le café de Montréal ouvre ses portes',
      text: 'Le nouveau café ouvre à Montréal avec une terrasse et du cacao équitable.',
      wire: 'Business Wire',
      source: 'Café Société Inc.',
      language: 'fr',
      published: '2024-01-15T09:00:00-05:00',
      dateline: { place: 'MONTRÉAL, QUÉBEC', date: '2024-01-15' },
    },
  },
  {
    name: 'acme',
    fields: {
      title: 'Acme Corp announces quarterly results',
      text: 'Acme Corp today announced record revenue. The board approved a new dividend for shareholders.',
      wire: 'PR Newswire',
      source: 'Acme Corp',
      published: '2024-03-05T08:30:00-05:00',
      dateline: { place: 'ATLANTA, GA, UNITED STATES', date: '2024-03-05' },
    },
  },
  {
    name: 'globex',
    fields: {
      title: 'Globex opens research centre',
      text: 'Globex announced a research centre focused on renewable energy storage and grain logistics.',
      wire: 'GlobeNewswire',
      source: 'Globex Inc.',
      kind: 'release',
      published: '2024-04-10T07:00:00-04:00',
      dateline: { place: 'TORONTO', date: '2024-04-10' },
    },
  },
  {
    name: 'beijing',
    fields: {
      title: '人民日报：中国经济稳步增长',
      text: '北京市今天发布报告，经济稳步增长。上海也举行了会议。',
      wire: 'PR Newswire',
      source: "People's Daily",
      language: 'zh',
      published: '2023-07-04T14:17:00+08:00',
      dateline: { place: 'BEIJING', date: '2023-07-04' },
    },
  },
  {
    name: 'tokyo',
    fields: {
      title: 'トヨタ、新型車を発表',
      text: '東京で新しい電気自動車が発表されました。',
      wire: 'Kyodo',
      source: 'Toyota',
      kind: 'article',
      language: 'ja',
      published: null,
      dateline: null,
    },
  },
];
