// Dateline and wire accuracy of the structurer against public corpora:
//  (a) Reuters-21578 TRAIN: for each story with a DATELINE, the wire text is rebuilt as TITLE,
//      a blank line, then DATELINE followed by BODY; place and month-day found by
//      structureWireText are compared with those read from the DATELINE tag itself.
//  (b) AG News test: rows whose description carries a wire tag; `wire` is compared with the
//      service the tag names.
// The SGML is read here with a few regexes on purpose: the eval must not depend on the parser
// it may one day be used to check (src/formats).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structureWireText } from '../src/structure/index.js';
import { accuracy, type EvalReport } from './report.js';

const TARGET = 0.98;
const WORST = 10;

/** The corpora folder: $DATELINE_CORPORA, else ../shared/corpora beside the repository. */
export function corporaDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return process.env.DATELINE_CORPORA ?? join(repo, '..', 'shared', 'corpora');
}

// ---- SGML, minimally -------------------------------------------------------------------------

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the SGML entities Reuters-21578 uses (&lt; &amp; &#3; ...). */
export function decodeSgml(s: string): string {
  return s.replace(/&(#\d{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function tag(doc: string, name: string): string | undefined {
  const open = doc.indexOf(`<${name}>`);
  if (open < 0) return undefined;
  const close = doc.indexOf(`</${name}>`, open);
  if (close < 0) return undefined;
  return doc.slice(open + name.length + 2, close);
}

export interface ReutersStory {
  id: string;
  title: string;
  dateline: string;
  body: string;
}

/** Stories with a non-empty DATELINE, entities decoded. */
export function readReutersStories(sgml: string): ReutersStory[] {
  const out: ReutersStory[] = [];
  const re = /<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g;
  for (let m = re.exec(sgml); m !== null; m = re.exec(sgml)) {
    const doc = m[2] ?? '';
    const dateline = tag(doc, 'DATELINE');
    if (dateline === undefined || dateline.trim() === '') continue;
    out.push({
      id: /NEWID="(\d+)"/.exec(m[1] ?? '')?.[1] ?? String(out.length),
      title: decodeSgml(tag(doc, 'TITLE') ?? ''),
      dateline: decodeSgml(dateline),
      body: decodeSgml(tag(doc, 'BODY') ?? ''),
    });
  }
  return out;
}

// ---- What the DATELINE tag says --------------------------------------------------------------

// English month spellings only, written out here rather than taken from src/structure, so the
// ground truth does not share the structurer's mistakes.
const EVAL_MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const TAG_MD_RE = /\b([a-z]{3,9})\.?\s*(\d{1,2})\b/gi;
const TAG_DM_RE = /\b(\d{1,2})\s+([a-z]{3,9})\b/gi;

export interface ExpectedDateline {
  /** The place as the tag prints it, decoration trimmed; "" when the tag has none. */
  place: string;
  /** `--MM-DD`, or null when the tag has no month-day. */
  monthDay: string | null;
}

/** Place and month-day as a reader takes them from a DATELINE tag ("WEST HARTFORD, Conn., FEb 26 -"). */
export function expectedFromTag(raw: string): ExpectedDateline {
  const text = raw.replace(/\s+/g, ' ').trim();
  let at = -1;
  let monthDay: string | null = null;
  const candidates: { index: number; month: number; day: number }[] = [];
  for (const re of [TAG_MD_RE, TAG_DM_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const monthWord = re === TAG_MD_RE ? m[1] : m[2];
      const dayText = re === TAG_MD_RE ? m[2] : m[1];
      const month = EVAL_MONTHS[(monthWord ?? '').toLowerCase()];
      const day = Number(dayText);
      if (month !== undefined && day >= 1 && day <= 31) candidates.push({ index: m.index, month, day });
    }
  }
  candidates.sort((a, b) => a.index - b.index);
  const first = candidates[0];
  if (first) {
    at = first.index;
    monthDay = `--${String(first.month).padStart(2, '0')}-${String(first.day).padStart(2, '0')}`;
  }
  if (at < 0) {
    // A misspelt date ("Narch 2", "March 187"): the place ends where it begins; no month-day.
    const typo = /,\s*[a-z]{3,9}\.?\s*\d{1,3}\s*-/i.exec(text);
    if (typo) at = typo.index;
  }
  let placePart = at >= 0 ? text.slice(0, at) : text.split(/\s-+\s|\s-+$|-\s/)[0] ?? '';
  placePart = placePart.replace(/^[^\p{L}]+/u, '').replace(/[\s,\-]+$/u, '');
  return { place: placePart, monthDay };
}

const normPlace = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

// ---- (a) Reuters -----------------------------------------------------------------------------

export function evalReuters(path: string): EvalReport {
  const report: EvalReport = { name: 'Reuters-21578 TRAIN datelines', rows: [], failures: [], notes: [] };
  if (!existsSync(path)) {
    report.skipped = `skipped: ../shared/corpora/reuters21578 not found (${path})`;
    return report;
  }
  const stories = readReutersStories(readFileSync(path, 'latin1'));
  let placeOk = 0, placeN = 0, mdOk = 0, mdN = 0, bothOk = 0, bothN = 0;
  const failures: { score: number; line: string }[] = [];
  for (const story of stories) {
    const expected = expectedFromTag(story.dateline);
    const text = `${story.title}\n\n${story.dateline}${story.body}`;
    const got = structureWireText(text).dateline;
    const gotPlace = got?.place ?? '';
    const gotMd = got?.date ? `--${got.date.slice(-5)}` : null;
    const hasPlace = expected.place !== '';
    const hasMd = expected.monthDay !== null;
    const pOk = normPlace(gotPlace) === normPlace(expected.place);
    const mOk = gotMd === expected.monthDay;
    if (hasPlace) { placeN++; if (pOk) placeOk++; }
    if (hasMd) { mdN++; if (mOk) mdOk++; }
    if (hasPlace && hasMd) { bothN++; if (pOk && mOk) bothOk++; }
    const score = (hasPlace && !pOk ? 1 : 0) + (hasMd && !mOk ? 1 : 0);
    if (score > 0) {
      failures.push({
        score,
        line: `#${story.id} tag ${JSON.stringify(story.dateline.trim())}: expected ${JSON.stringify(expected.place)} ${expected.monthDay ?? '-'}; got ${JSON.stringify(gotPlace)} ${gotMd ?? '-'}`,
      });
    }
  }
  report.rows.push(
    { metric: 'Reuters TRAIN place', correct: placeOk, total: placeN, target: TARGET },
    { metric: 'Reuters TRAIN month-day', correct: mdOk, total: mdN, target: TARGET },
    { metric: 'Reuters TRAIN place and month-day', correct: bothOk, total: bothN },
  );
  failures.sort((a, b) => b.score - a.score);
  report.failures = failures.slice(0, WORST).map((f) => f.line);
  report.notes.push(
    `${stories.length} stories with a DATELINE; place scored where the tag names one (${placeN}), ` +
      `month-day where it has one (${mdN}); ${failures.length} stories with any failure`,
  );
  return report;
}

// ---- (b) AG News -----------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** AG News escapes: "\", "<br>" and "<p>" stand for line breaks, " #36;" for "$", HTML entities remain. */
export function unescapeAgNews(s: string): string {
  return s
    .replace(/\\/g, ' ')
    .replace(/&lt;\/?(?:br|p)\s*\/?&gt;|<\/?(?:br|p)\s*\/?>/gi, '\n')
    .replace(/(?:&|\s)#(\d{1,5});/g, (_w, n: string) => ` ${String.fromCodePoint(Number(n))}`)
    .replace(/&(lt|gt|amp|quot|apos);/g, (_w, n: string) => NAMED_ENTITIES[n] ?? '');
}

/**
 * Selection: a description carrying "(Reuters)", "(AP)", "(AFP)" or "(CP)", or opening with
 * "Reuters - ", "AP - ", "AFP - " or "Canadian Press - ". The expected wire is the one the
 * bracketed dateline tag names when there is one (the agency whose copy it is: "Canadian Press -
 * KINSHASA, Congo (AP) -" is AP copy carried by CP), else the leading credit.
 */
const AG_TAG_RE = /\((Reuters|REUTERS|AP|AFP|CP)\)/;
const AG_CREDIT_RE = /^\s*(Reuters|AP|AFP|Canadian Press)\s+-\s/;
const AG_WIRES: Readonly<Record<string, string>> = {
  Reuters: 'Reuters', REUTERS: 'Reuters', AP: 'Associated Press', AFP: 'AFP', CP: 'The Canadian Press',
  'Canadian Press': 'The Canadian Press',
};

export function evalAgNews(path: string): EvalReport {
  const report: EvalReport = { name: 'AG News wire tags', rows: [], failures: [], notes: [] };
  if (!existsSync(path)) {
    report.skipped = `skipped: ../shared/corpora/ag-news not found (${path})`;
    return report;
  }
  const rows = parseCsv(readFileSync(path, 'utf8'));
  let ok = 0, n = 0;
  for (const [index, row] of rows.entries()) {
    if (index === 0 && row[0] === 'label') continue; // header
    if (row.length < 3) continue;
    const title = unescapeAgNews(row[1] ?? '');
    const description = unescapeAgNews(row[2] ?? '');
    const tagged = AG_TAG_RE.exec(description) ?? AG_CREDIT_RE.exec(description);
    if (!tagged) continue;
    const expected = AG_WIRES[tagged[1] ?? ''];
    n++;
    const got = structureWireText(`${title}\n\n${description}`).wire;
    if (got === expected) ok++;
    else if (report.failures.length < WORST) {
      report.failures.push(`row ${index}: expected ${expected}, got ${got ?? 'null'}: ${JSON.stringify(description.slice(0, 90))}`);
    }
  }
  report.rows.push({ metric: 'AG News wire', correct: ok, total: n, target: TARGET });
  report.notes.push('rows whose description carries (Reuters) (AP) (AFP) (CP) or opens "Reuters - ", "AP - ", "AFP - ", "Canadian Press - "');
  return report;
}

/** Both dateline evaluations. */
export async function evalDatelines(): Promise<EvalReport[]> {
  const dir = corporaDir();
  return [
    evalReuters(join(dir, 'reuters21578', 'reuters-train.sgm')),
    evalAgNews(join(dir, 'ag-news', 'test.csv')),
  ];
}

/** Print reports as a table. */
export function printReports(reports: readonly EvalReport[], out: (line: string) => void = console.log): void {
  const pad = (s: string, n: number): string => s.padEnd(n);
  if (reports.some((r) => !r.skipped)) out(`${pad('metric', 36)} ${pad('accuracy', 9)} ${pad('correct/total', 15)} target`);
  for (const r of reports) {
    if (r.skipped) {
      out(r.skipped);
      continue;
    }
    for (const row of r.rows) {
      const acc = `${(accuracy(row) * 100).toFixed(2)}%`;
      const target = row.target === undefined ? '' : `${(row.target * 100).toFixed(0)}%${accuracy(row) >= row.target ? ' ok' : ' MISSED'}`;
      out(`${pad(row.metric, 36)} ${pad(acc, 9)} ${pad(`${row.correct}/${row.total}`, 15)} ${target}`);
    }
  }
  for (const r of reports) {
    if (r.skipped) continue;
    out('');
    out(`${r.name}: ${r.notes.join('; ')}`);
    if (r.failures.length > 0) out(`worst failures:`);
    for (const f of r.failures) out(`  ${f}`);
  }
}

const isMain = process.argv[1] !== undefined && /datelines\.[mc]?[tj]s$/.test(process.argv[1]);
if (isMain) {
  void evalDatelines().then((reports) => printReports(reports));
}
