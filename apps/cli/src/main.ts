import { ConfigError } from '@vs/config';
import { InvalidInputError, VelocityError } from '@vs/contracts';
import { issueLine } from '@vs/templates';
import { Command, CommanderError } from 'commander';
import { registerJobCommands } from './jobs.command';
import { registerSeedCommands } from './seed.command';
import { registerTemplateCommands } from './templates.command';
import { registerTokenCommands } from './tokens.command';

function buildProgram(): Command {
  const program = new Command('velocity-synth')
    .description('velocity-synth control plane: templates, jobs and tokens, straight against PostgreSQL (DATABASE_URL)')
    .option('--json', 'print machine-readable JSON instead of tables')
    .showHelpAfterError()
    .exitOverride();
  registerSeedCommands(program);
  registerTemplateCommands(program);
  registerJobCommands(program);
  registerTokenCommands(program);
  return program;
}

/** One line an operator can act on: what failed, which field, and what is accepted. */
export function errorLine(error: unknown): string {
  if (error instanceof InvalidInputError && error.issues.length > 0) {
    const shown = error.issues.slice(0, 5).map(issueLine).join('; ');
    const more = error.issues.length > 5 ? ` (+${error.issues.length - 5} more; use --json for all)` : '';
    return `error: ${error.message}: ${shown}${more}`;
  }
  if (error instanceof VelocityError || error instanceof ConfigError)
    return `error: ${error.message.replace(/\n\s*/g, ' ')}`;
  return `error: ${(error as Error).message ?? String(error)}`;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander already printed usage problems and help; only its exit code matters here.
    if (error instanceof CommanderError) return error.exitCode;
    const json = argv.includes('--json');
    if (json && error instanceof VelocityError) {
      process.stderr.write(
        `${JSON.stringify({ error: { code: error.name, message: error.message, issues: (error.details.issues as unknown[]) ?? [] } })}\n`,
      );
    } else {
      process.stderr.write(`${errorLine(error)}\n`);
    }
    return error instanceof VelocityError && error.httpStatus < 500 ? 2 : 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
