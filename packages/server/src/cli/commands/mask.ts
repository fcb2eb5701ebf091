/** `promptops mask`: mask personal data in text (stdin to stdout). */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerMask(program: Command): void {
  registerNotYetAvailable(program, 'mask', 'mask personal data in text (stdin to stdout)', 'the ask issue (#6)');
}
