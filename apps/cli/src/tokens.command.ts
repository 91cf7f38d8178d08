import type { Command } from 'commander';
import { withContext } from './cli.context';
import { emit } from './output';

export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('admin API bearer tokens');
  tokens
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'a label for audit entries, e.g. "ops-alice"')
    .requiredOption('--role <role>', 'admin | operator | viewer')
    .option('--tenant <tenant_id>', 'bind the token to one tenant')
    .action(async (options: { name: string; role: string; tenant?: string }, command: Command) => {
      const created = await withContext(async (ctx) => {
        const token = await ctx.tokens.create({
          name: options.name,
          role: options.role,
          tenant_id: options.tenant ?? null,
        });
        await ctx.audit.record(ctx.db.pool, ctx.actor, {
          action: 'token.create',
          target_type: 'api_token',
          target_id: token.token_id,
          tenant_id: token.tenant_id,
          details: { name: token.name, role: token.role },
        });
        return token;
      });
      emit(command, created, () =>
        [
          `token ${created.name} (${created.role}${created.tenant_id ? `, tenant ${created.tenant_id}` : ''}) created; it is shown only once:`,
          created.token,
        ].join('\n'),
      );
    });
}
