/**
 * The shape of a benchmark: each `bench/<name>.bench.ts` exports `bench`, and
 * `npx promptops bench <name>` runs it. Results are printed as Markdown ready for BENCHMARKS.md.
 */
export interface BenchOptions {
  /** Smaller, faster run for smoke tests (`--quick`). */
  quick: boolean;
  /** Extra `key=value` options given on the command line. */
  params: Record<string, string>;
  /** Where progress goes (stderr), so stdout holds only the Markdown result. */
  log: (line: string) => void;
}

export interface BenchModule {
  /** One line: what this benchmark measures and against which peers. */
  description: string;
  run(options: BenchOptions): Promise<string>;
}
