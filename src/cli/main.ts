#!/usr/bin/env node
// The `dateline` command: one file per subcommand, wired together here.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './output.js';
import { registerExport } from './export.js';
import { registerExtract } from './extract.js';
import { registerFacets } from './facets.js';
import { registerIngest } from './ingest.js';
import { registerParse } from './parse.js';
import { registerPoll } from './poll.js';
import { registerReprocess } from './reprocess.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerShow } from './show.js';
import { registerSources } from './sources.js';
import { registerStats } from './stats.js';
import { registerStories } from './stories.js';
import { registerTokens } from './tokens.js';

// `dateline parse ... | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('dateline')
  .description('a self-hosted news-wire engine: structure, store and search press releases and news')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerParse(program);
registerExtract(program);
registerIngest(program);
registerSearch(program);
registerFacets(program);
registerExport(program);
registerShow(program);
registerStats(program);
registerReprocess(program);
registerSources(program);
registerPoll(program);
registerStories(program);
registerServe(program);
registerTokens(program);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; anything else commander rejects is bad usage.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw error;
  }
}
