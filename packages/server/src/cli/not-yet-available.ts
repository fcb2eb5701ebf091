/**
 * For commands whose layer has not landed yet: the command exists (so `--help` lists the whole
 * contract) and says plainly which issue brings it, instead of pretending to work.
 */
import type { Command } from 'commander';
import { PromptOpsError } from '../errors/promptops-error.js';

export function registerNotYetAvailable(program: Command, name: string, summary: string, issue: string): void {
  program
    .command(name)
    .description(`${summary} (not available yet: arrives with ${issue})`)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new PromptOpsError('unavailable', `'${name}' is not available in this build yet: it arrives with ${issue}`);
    });
}
