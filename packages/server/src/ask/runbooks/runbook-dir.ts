/**
 * Which runbook folder to index: the one the operator named (`--runbooks DIR`), else `runbooks/` in
 * the data directory, else the demo set shipped at the repository root, so the demo answers with
 * citations out of the box.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo runbooks shipped with the repository (`<repo>/runbooks`). */
export const DEMO_RUNBOOK_DIR = fileURLToPath(new URL('../../../../../runbooks', import.meta.url));

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

export function resolveRunbookDir(options: { runbooks?: string; dataDir?: string } = {}): string {
  if (options.runbooks !== undefined) return path.resolve(options.runbooks);
  if (options.dataDir !== undefined) {
    const inData = path.resolve(options.dataDir, 'runbooks');
    if (isDir(inData)) return inData;
  }
  return DEMO_RUNBOOK_DIR;
}
