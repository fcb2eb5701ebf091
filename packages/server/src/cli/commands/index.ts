/** Every sub-command of the CLI, in the order `--help` lists them. */
import type { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerDemo } from './demo.js';
import { registerAsk } from './ask.js';
import { registerImport } from './import.js';
import { registerReport } from './report.js';
import { registerMask } from './mask.js';
import { registerMcp } from './mcp.js';
import { registerBench } from './bench.js';
import { registerDetect } from './detect.js';
import { registerK8s } from './k8s.js';

export const COMMANDS: ((program: Command) => void)[] = [
  registerServe,
  registerDemo,
  registerAsk,
  registerImport,
  registerReport,
  registerMask,
  registerMcp,
  registerBench,
  registerDetect,
  registerK8s,
];
