/** `promptops serve`: run the collector: OTLP/HTTP, access-log ingest, REST API, /metrics and the web UI. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerServe(program: Command): void {
  registerNotYetAvailable(
    program,
    'serve',
    'run the collector: OTLP/HTTP, access-log ingest, REST API, /metrics and the web UI',
    'the collector issue (#3)',
  );
}
