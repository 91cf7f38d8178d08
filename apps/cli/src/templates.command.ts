import type { Command } from 'commander';
import { withContext } from './cli.context';
import { emit, details, table } from './output';
import { revisionArg } from './cli-args';

export function registerTemplateCommands(program: Command): void {
  const templates = program.command('templates').description('template taxonomy');

  templates
    .command('list')
    .description('templates with their revisions')
    .action(async (_options: unknown, command: Command) => {
      const list = await withContext((ctx) => ctx.templates.list());
      const rows = list.flatMap((t) =>
        t.revisions.map((r) => ({
          template_id: t.template_id,
          domain: t.domain,
          revision: r.revision,
          status: r.status,
          locales: r.locales,
          name: t.name,
        })),
      );
      emit(command, list, () => table(rows, ['template_id', 'domain', 'revision', 'status', 'locales', 'name']));
    });

  templates
    .command('show <id>')
    .description('one revision with chapters, subchapters and exemplar counts (default: latest revision)')
    .option('--revision <n>', 'revision number')
    .action(async (id: string, options: { revision?: string }, command: Command) => {
      const revision = await withContext(async (ctx) => {
        const n =
          options.revision !== undefined
            ? revisionArg(options.revision, '--revision')
            : Math.max(...(await ctx.templates.get(id)).revisions.map((r) => r.revision));
        return ctx.templates.getRevision(id, n);
      });
      emit(command, revision, () => {
        const { record_schema, chapters, ...head } = revision;
        const fields = table(
          record_schema.fields.map((f) => ({ ...f, constraints: JSON.stringify(f.constraints) })),
          ['name', 'type', 'required', 'semantic', 'constraints'],
        );
        const outline = chapters.flatMap((c) =>
          c.subchapters.map((s) => ({
            chapter: c.chapter_key,
            subchapter: s.subchapter_key,
            exemplars: s.exemplars.length,
            title: s.title,
          })),
        );
        return [details(head), '', fields, '', table(outline, ['chapter', 'subchapter', 'exemplars', 'title'])].join(
          '\n',
        );
      });
    });

  for (const [name, description] of [
    ['publish', 'publish a draft revision (it becomes immutable)'],
    ['archive', 'archive a draft or published revision (jobs already on it are untouched)'],
  ] as const) {
    templates
      .command(`${name} <id> <rev>`)
      .description(description)
      .action(async (id: string, rev: string, _options: unknown, command: Command) => {
        const n = revisionArg(rev, '<rev>');
        const revision = await withContext((ctx) =>
          name === 'publish' ? ctx.templates.publish(id, n, ctx.actor) : ctx.templates.archive(id, n, ctx.actor),
        );
        emit(command, revision, () => `${id}@${n} is now ${revision.status}`);
      });
  }
}
