/**
 * `searchRunbooks(query, {limit})`: the entry point the answer composer, the `search_runbooks` tool
 * and MCP use. Indexes are built once per folder and kept (runbooks change rarely; `reloadRunbooks`
 * drops the cache after an edit).
 */
import { resolveRunbookDir } from './runbook-dir.js';
import { RunbookIndex, type RunbookHit } from './runbook-index.js';

const cache = new Map<string, Promise<RunbookIndex>>();

export function openRunbookIndex(dir: string): Promise<RunbookIndex> {
  let index = cache.get(dir);
  if (!index) {
    index = RunbookIndex.load(dir);
    // A failed load is not cached, so creating the folder later works without a restart.
    index.catch(() => cache.delete(dir));
    cache.set(dir, index);
  }
  return index;
}

export function reloadRunbooks(dir?: string): void {
  if (dir === undefined) cache.clear();
  else cache.delete(dir);
}

export interface SearchRunbooksOptions {
  /** Passages to return; default 5, at most 20. */
  limit?: number;
  /** Folder to search; default per resolveRunbookDir (data dir's runbooks/, else the demo set). */
  dir?: string;
  dataDir?: string;
}

export async function searchRunbooks(query: string, options: SearchRunbooksOptions = {}): Promise<RunbookHit[]> {
  const dir = options.dir ?? resolveRunbookDir({ dataDir: options.dataDir });
  const index = await openRunbookIndex(dir);
  return index.searchPassages(query, { limit: options.limit });
}
