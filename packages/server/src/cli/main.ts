/**
 * The `promptops` command line: one sub-command per file under `commands/`, each registering itself
 * on the program. Errors are printed as one clear line (or JSON with --json) and set a non-zero exit.
 */
import { Command, CommanderError } from 'commander';
import { PromptOpsError } from '../errors/promptops-error.js';
import { COMMANDS } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('promptops')
    .description(
      'PromptOps: real concurrent users beside session counts, with history, analyses and answers in Korean or English',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const e = PromptOpsError.from(err);
    process.stderr.write(`promptops: ${e.message} (${e.code})\n`);
    process.exitCode = e.status >= 500 ? 1 : 2;
  }
}
