/** `promptops bench <name>`: runs `src/bench/<name>.bench.ts` and prints its Markdown table. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { BenchModule } from '../../bench/bench-module.js';

const BENCH_DIR = fileURLToPath(new URL('../../bench/', import.meta.url));

export function availableBenches(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark and print its results as Markdown (for BENCHMARKS.md)')
    .argument('[name]', `benchmark to run: ${availableBenches().join(', ') || '(none yet)'}`)
    .option('--quick', 'smaller run for a smoke test', false)
    .option('--set <key=value...>', 'benchmark-specific options', [])
    .action(async (name: string | undefined, opts: { quick: boolean; set: string[] }) => {
      const names = availableBenches();
      if (!name) {
        process.stdout.write(`available benchmarks: ${names.join(', ')}\n`);
        return;
      }
      if (!names.includes(name)) {
        throw new PromptOpsError('invalid_parameter', `unknown benchmark '${name}'; available: ${names.join(', ')}`);
      }
      const params: Record<string, string> = {};
      for (const kv of opts.set) {
        const i = kv.indexOf('=');
        if (i <= 0) throw new PromptOpsError('invalid_parameter', `--set expects key=value, got '${kv}'`);
        params[kv.slice(0, i)] = kv.slice(i + 1);
      }
      const mod = (await import(`../../bench/${name}.bench.ts`)) as { bench: BenchModule };
      const out = await mod.bench.run({
        quick: opts.quick,
        params,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${out}\n`);
    });
}
