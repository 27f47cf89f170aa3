// `dateline poll`: fetch the sources that are due, store what they bring, and keep going (or
// stop after one round with --once). SIGINT and SIGTERM stop it between sources: what is in
// flight finishes, each source's capture and articles commit together, nothing is half-written.
import type { Command } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { DatelineError } from '../core/index.js';
import type { PollReport } from '../ingest/poll.js';
import { EXIT_FAILED, databasePath, printJson, run } from './output.js';

interface PollOptions {
  db?: string;
  once?: boolean;
  all?: boolean;
  concurrency: string;
  minInterval: string;
  maxInterval: string;
  delay: string;
  allowPrivate?: string[];
  fullText?: boolean;
  json?: boolean;
}


/** How long an idle poller sleeps at most before looking for due sources again. */
const IDLE_CHECK_MS = 60_000;

export function registerPoll(program: Command): void {
  program
    .command('poll')
    .description('fetch due sources, store their items, and keep polling on each source\'s schedule')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--once', 'one round of the sources due now, then exit')
    .option('--all', 'with --once: every source, due or not')
    .option('--concurrency <n>', 'sources fetched at once (one at a time per host whatever this says)', '16')
    .option('--min-interval <seconds>', 'never poll a source sooner than this', '300')
    .option('--max-interval <seconds>', 'nor later than this', '86400')
    .option('--delay <ms>', 'pause between two requests to one host (robots.txt Crawl-delay may raise it)', '1000')
    .option('--full-text', "for every feed: fetch and extract the page of each new item that carries only a summary (else per source: `sources add --full-text`)")
    .option('--allow-private <cidrs...>', 'let the fetcher reach these private ranges (tests, intranets); also DATELINE_ALLOW_PRIVATE')
    .option('--json', 'one JSON line per source polled')
    .action(async (options: PollOptions) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const bounds = { minSeconds: positive(options.minInterval, '--min-interval'), maxSeconds: positive(options.maxInterval, '--max-interval') };
        if (bounds.minSeconds > bounds.maxSeconds) throw new DatelineError('E_USAGE', 'poll: --min-interval is above --max-interval');
        const concurrency = positive(options.concurrency, '--concurrency');
        const minDelayMs = positive(options.delay, '--delay', true);
        const [{ openStore }, { pollDue, POLL_CACHE_MIB, POLL_HEAP_FLAG }, { fetcherFor }] = await Promise.all([
          import('../store/index.js'),
          import('../ingest/poll.js'),
          import('./fetching.js'),
        ]);
        setFlagsFromString(POLL_HEAP_FLAG);
        const store = await openStore(databasePath(options.db), { cacheMiB: POLL_CACHE_MIB });
        const fetcher = fetcherFor(options.allowPrivate, { minDelayMs });
        let stopping = false;
        let wake: () => void = () => undefined;
        const stop = () => {
          if (!stopping) process.stderr.write('poll: stopping once the sources in flight finish\n');
          stopping = true;
          wake();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        let failed = 0;
        try {
          do {
            const reports = await pollDue(store, fetcher, {
              bounds,
              concurrency,
              all: Boolean(options.once && options.all),
              fullText: Boolean(options.fullText),
              onReport: (report) => (json ? printJson(shape(report)) : process.stdout.write(line(report))),
            });
            failed += reports.filter((report) => report.outcome === 'failed').length;
            if (options.once || stopping) break;
            const next = (await store.listSources()).reduce((soonest, source) => Math.min(soonest, Date.parse(source.state.nextPollAt)), Infinity);
            const wait = Math.max(1000, Math.min(IDLE_CHECK_MS, next - Date.now()));
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, wait);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          } while (!stopping);
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          await fetcher.close();
          await store.close();
        }
        // --once is for scripts: a source that failed fails the run; a long-running poller
        // keeps going and records failures on the sources instead.
        return options.once && failed > 0 ? EXIT_FAILED : undefined;
      });
    });
}

function positive(value: string, flag: string, zero = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!zero && n === 0)) throw new DatelineError('E_USAGE', `poll: ${flag} must be a ${zero ? 'non-negative' : 'positive'} number, not "${value}"`);
  return n;
}

function shape(report: PollReport) {
  return {
    source: report.source.id, url: report.source.url, outcome: report.outcome, newItems: report.newItems,
    captureId: report.captureId, error: report.error, pages: report.pages,
  };
}

function line(report: PollReport): string {
  const { url } = report.source;
  switch (report.outcome) {
    case 'fetched':
      return `${url}: ${report.newItems} new or updated${pagesLine(report)}\n`;
    case 'not-modified':
      return `${url}: not modified\n`;
    default:
      return `${url}: failed: ${report.error}\n`;
  }
}

/** The linked pages' tally, and the first failures, one per line. */
function pagesLine(report: PollReport): string {
  const pages = report.pages;
  if (!pages) return '';
  const what = report.source.kind === 'sitemap' ? 'pages' : 'full-text pages';
  const tally = [`${pages.stored} stored`, ...(pages.failed ? [`${pages.failed} failed`] : []), ...(pages.skipped ? [`${pages.skipped} ${report.source.kind === 'sitemap' ? 'left for later' : 'past the limit, summary kept'}`] : [])];
  return `; ${what}: ${tally.join(', ')}${pages.errors.map((e) => `\n  ${e.error}`).join('')}`;
}
