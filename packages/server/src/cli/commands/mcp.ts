/** `promptops mcp`: Model Context Protocol server over stdio. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerMcp(program: Command): void {
  registerNotYetAvailable(program, 'mcp', 'Model Context Protocol server over stdio', 'the ask issue (#6)');
}
