// `dateline tokens`: API tokens for `dateline serve`. A token is shown once, when it is made;
// the store keeps only its hash.
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import type { Store, TokenScope } from '../store/index.js';
import { dim, printJson, run, withStore } from './output.js';

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for `dateline serve`: read or write scope, stored hashed');
  const db = (command: Command) => command.option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)').option('--json', 'JSON output');

  db(
    tokens
      .command('create')
      .description('make a token and print it, once')
      .requiredOption('--scope <scope>', 'read (read endpoints) or write (every endpoint)')
      .option('--name <name>', 'what it is for'),
  ).action(async (options: { scope: string; name?: string; db?: string; json?: boolean }) => {
    const json = Boolean(options.json);
    await run(json, async () => {
      if (options.scope !== 'read' && options.scope !== 'write') throw new DatelineError('E_USAGE', `tokens: --scope must be read or write, not "${options.scope}"`);
      const scope: TokenScope = options.scope;
      await withStore(options.db, async (store) => {
        const { createToken } = await import('../server/tokens.js');
        const { token, info } = await createToken(store, { scope, name: options.name ?? null });
        if (json) printJson({ token, ...info });
        else process.stdout.write(`${token}\n${dim(`token ${info.id} (${scope}) made; it is shown only now, so keep it somewhere safe`)}\n`);
      });
    });
  });

  db(tokens.command('list').description('tokens made, never their secrets')).action(async (options: { db?: string; json?: boolean }) => {
    const json = Boolean(options.json);
    await run(json, () =>
      withStore(options.db, async (store) => {
        const list = await store.listTokens();
        if (json) for (const token of list) printJson(token);
        else if (list.length === 0) process.stdout.write('no tokens; make one with `dateline tokens create --scope read|write`\n');
        else for (const t of list) process.stdout.write(`${t.id}  ${t.scope.padEnd(5)}  ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}  ${t.name ?? ''}\n`);
      }),
    );
  });

  db(tokens.command('revoke').description('refuse a token from now on').argument('<id>', 'as `tokens list` shows it')).action(async (id: string, options: { db?: string; json?: boolean }) => {
    const json = Boolean(options.json);
    await run(json, () =>
      withStore(options.db, async (store) => {
        if (!(await store.revokeToken(id, new Date().toISOString()))) throw new DatelineError('E_NOT_FOUND', `tokens: no active token ${id}`, { input: id });
        if (json) printJson({ revoked: id });
        else process.stdout.write(`revoked ${id}\n`);
      }),
    );
  });
}
