/** `promptops detect`: score a NAB-style CSV series for anomalies. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerDetect(program: Command): void {
  registerNotYetAvailable(program, 'detect', 'score a NAB-style CSV series for anomalies', 'the analyses issue (#5)');
}
