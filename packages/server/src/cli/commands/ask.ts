/** `promptops ask`: ask a question in Korean or English. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerAsk(program: Command): void {
  registerNotYetAvailable(program, 'ask', 'ask a question in Korean or English', 'the ask issue (#6)');
}
