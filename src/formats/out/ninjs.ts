// ninjs 2.0, the IPTC's JSON format for news items: an Article as one ninjs object, for newsroom
// systems that take IPTC formats. Machine times are UTC date-times (ninjs requires date-time);
// the time as printed stays in the article JSON.
import { type Article, instantOf } from '../../core/index.js';

const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json';

export type Ninjs = Record<string, unknown> & { uri: string };

export function articleToNinjs(article: Article): Ninjs {
  const utc = (time: string | null) => {
    const ms = instantOf(time);
    return ms === null ? undefined : new Date(ms).toISOString();
  };
  const words = article.text.split(/\s+/u).filter(Boolean).length;
  const ninjs: Ninjs = {
    uri: article.url ?? article.canonicalUrl ?? `urn:dateline:article:${article.id}`,
    standard: { name: 'ninjs', version: '2.0', schema: NINJS_SCHEMA },
    type: 'text',
    representationtype: 'full',
    firstcreated: utc(article.published),
    versioncreated: utc(article.modified ?? article.published),
    language: article.language ?? undefined,
    headlines: article.title ? [{ role: 'main', value: article.title }] : undefined,
    descriptions: article.description ? [{ role: 'summary', value: article.description }] : undefined,
    bodies: [{ role: 'main', contenttype: 'text/plain', charcount: article.text.length, wordcount: words, value: article.text }],
    by: article.byline ?? undefined,
    located: article.dateline?.place ?? undefined,
    organisations: article.source
      ? [{ name: article.source, rel: 'issuer', symbols: article.tickers.length ? article.tickers.map((t) => ({ ticker: t.symbol, exchange: t.exchange })) : undefined }]
      : undefined,
    infosources: [article.wire, article.siteName].filter((name): name is string => Boolean(name)).map((name) => ({ name })),
    renditions: article.image ? [{ name: 'image', href: article.image }] : undefined,
    altids: [{ role: 'dateline', value: article.id }, ...(article.storyId ? [{ role: 'dateline-story', value: article.storyId }] : [])],
  };
  if ((ninjs.infosources as unknown[]).length === 0) delete ninjs.infosources;
  // Absent fields are left out, not null: ninjs types them as strings and arrays.
  return JSON.parse(JSON.stringify(ninjs)) as Ninjs;
}
