// Where the public corpora are: ../shared/corpora beside the repository, or DATELINE_CORPORA.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const corporaDir = process.env.DATELINE_CORPORA ?? join(repoRoot, '..', 'shared', 'corpora');

/** The path of a corpus file, or null (with one clear line printed) when it is absent. */
export function corpusFile(relative: string, purpose: string): string | null {
  const path = join(corporaDir, relative);
  if (existsSync(path)) return path;
  console.log(`skipped ${purpose}: ${path} not found (set DATELINE_CORPORA to the corpora folder)`);
  return null;
}

export { repoRoot };
