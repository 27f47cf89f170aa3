// What every command shares: where the database is, how errors print, and what exit codes mean
// (0 ok, 1 failed, 2 bad usage), so scripts can rely on them.
import { DatelineError, isDatelineError } from '../core/index.js';
import type { Store } from '../store/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** `--db`, else DATELINE_DB, else ./dateline.db. */
export function databasePath(option: string | undefined): string {
  return option ?? process.env.DATELINE_DB ?? 'dateline.db';
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Bad usage and bad queries are the caller's to fix (2); everything else failed (1). */
export function exitCodeOf(error: unknown): number {
  if (isDatelineError(error) && (error.code === 'E_USAGE' || error.code.startsWith('E_QUERY'))) return EXIT_USAGE;
  return EXIT_FAILED;
}

/** Prints an error for a person (stderr) or, with --json, as `{"error": {...}}` on stdout. */
export function reportError(error: unknown, json: boolean): void {
  const shaped = isDatelineError(error)
    ? error
    : new DatelineError('E_INTERNAL', `unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  if (json) printJson({ error: shaped.toJSON() });
  else process.stderr.write(`dateline: ${shaped.message}\n`);
}

/** Runs a command body and sets the exit code from its result or its error. */
export async function run(json: boolean, body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? EXIT_OK;
  } catch (error) {
    reportError(error, json);
    process.exitCode = exitCodeOf(error);
  }
}

export const isTTY = (stream: NodeJS.WriteStream): boolean => Boolean(stream.isTTY) && !process.env.NO_COLOR;

export const bold = (text: string): string => (isTTY(process.stdout) ? `\x1b[1m${text}\x1b[22m` : text);
export const dim = (text: string): string => (isTTY(process.stdout) ? `\x1b[2m${text}\x1b[22m` : text);

/** Opens the store at `--db` (or the default), runs `body` with it and closes it, whatever happens. */
export async function withStore(path: string | undefined, body: (store: Store) => Promise<void>): Promise<void> {
  const { openStore } = await import('../store/index.js');
  const store = await openStore(databasePath(path));
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** An option that must be a whole number in [min, max], or bad usage naming it. */
export function wholeOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new DatelineError('E_USAGE', `${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
