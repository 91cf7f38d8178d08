import { readFileSync } from 'node:fs';
import { InvalidInputError } from '@vs/contracts';
import { parseSeedFile } from '@vs/templates';
import type { Command } from 'commander';
import { withContext } from './cli.context';
import { emit } from './output';

export function registerSeedCommands(program: Command): void {
  const seed = program.command('seed').description('template seed DB files');
  seed
    .command('import <file>')
    .description('import an oracle_template_seed_db.json (all or nothing; identical revisions are left alone)')
    .action(async (file: string, _options: unknown, command: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InvalidInputError(`cannot read ${file}`, [
          { field: 'file', problem: (error as Error).message, accepted: 'a readable JSON file' },
        ]);
      }
      const parsed = parseSeedFile(text);
      const summary = await withContext((ctx) => ctx.seeds.import(parsed, ctx.actor));
      emit(command, summary, () =>
        [
          `created:   ${summary.created.length ? summary.created.join(', ') : '-'}`,
          `replaced:  ${summary.replaced.length ? summary.replaced.join(', ') : '-'}`,
          `unchanged: ${summary.unchanged.length ? summary.unchanged.join(', ') : '-'}`,
        ].join('\n'),
      );
    });
}
