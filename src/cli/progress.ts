// Progress for long commands: a bar on a terminal, plain lines when asked (`--progress lines`,
// which is what scripts and our crash test read), nothing otherwise.
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../ingest/index.js';

export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  stop(): void;
}

export function progressReporter(mode: ProgressMode): ProgressReporter {
  const resolved = mode === 'auto' ? (process.stderr.isTTY ? 'bar' : 'none') : mode;
  if (resolved === 'lines') {
    return {
      update: (p) => process.stderr.write(`progress input ${p.input}/${p.inputs} articles ${p.written}/${p.total ?? '?'} added ${p.added} ${p.name}\n`),
      stop: () => undefined,
    };
  }
  if (resolved === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest [{bar}] {value}/{total} inputs | {added} articles | {name}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) {
          bar.start(p.inputs, 0, { added: 0, name: '' });
          started = true;
        }
        bar.update(p.total !== null && p.written >= p.total ? p.input : p.input - 1, { added: p.added, name: p.name.slice(-40) });
      },
      stop: () => started && bar.stop(),
    };
  }
  return { update: () => undefined, stop: () => undefined };
}
