/** Runbook search (RAG): index a folder of Markdown runbooks and cite passages by file and heading. */
export { tokenizeMixed } from './hangul-tokenizer.js';
export { splitMarkdown, type RunbookPassage } from './markdown-passages.js';
export { DEMO_RUNBOOK_DIR, resolveRunbookDir } from './runbook-dir.js';
export { RunbookIndex, searchRunbooksInputSchema, type RunbookHit, type SearchRunbooksInput } from './runbook-index.js';
export { openRunbookIndex, reloadRunbooks, searchRunbooks, type SearchRunbooksOptions } from './search-runbooks.js';
export { RUNBOOK_INTENTS, runbooksForIntent, withRunbooks, type RunbookCitation } from './runbooks-for-intent.js';
