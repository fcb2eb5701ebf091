/** `promptops import`: import access logs or OTLP files. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerImport(program: Command): void {
  registerNotYetAvailable(program, 'import', 'import access logs or OTLP files', 'the collector issue (#3)');
}
