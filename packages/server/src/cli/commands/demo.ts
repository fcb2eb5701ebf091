/** `promptops demo`: start the collector with simulated history and live traffic. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerDemo(program: Command): void {
  registerNotYetAvailable(
    program,
    'demo',
    'start the collector with simulated history and live traffic',
    'the collector issue (#3)',
  );
}
