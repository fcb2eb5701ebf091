/**
 * Crash windows the crash-test child (kill-ingest-child.ts) can SIGKILL itself in, inside a flush:
 * - `before-commit`: segments rotated (closed, fsynced) but not yet bulk-loaded nor checkpointed;
 * - `after-commit`: the store transaction (bulk load + checkpoint) committed, segments not yet deleted.
 */
export const KILL_POINTS = ['before-commit', 'after-commit'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];
