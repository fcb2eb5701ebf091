/**
 * Full-text index over the operator's runbooks and incident notes (a folder of Markdown). Each heading
 * section is one document; search returns passages cited by file and heading with a short excerpt
 * around the words that matched. Korean is searched by Hangul bigrams (see hangul-tokenizer.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { isHangulToken, tokenizeMixed } from './hangul-tokenizer.js';
import { splitMarkdown, type RunbookPassage } from './markdown-passages.js';

export interface RunbookHit {
  /** Path relative to the runbook folder. */
  file: string;
  heading: string;
  /** Up to ~300 characters of the passage around the first matched term. */
  excerpt: string;
  /** Relevance (BM25 from minisearch), higher is better; comparable within one search only. */
  score: number;
}

export const searchRunbooksInputSchema = z
  .object({
    query: z.string().trim().min(1).max(500).describe('what to look for, Korean or English'),
    limit: z.number().int().min(1).max(20).default(5).describe('passages to return (default 5)'),
  })
  .strict();
export type SearchRunbooksInput = z.input<typeof searchRunbooksInputSchema>;

/** Files larger than this are skipped: runbooks are prose, not log dumps. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 2_000;
const EXCERPT_CHARS = 300;

interface IndexedPassage extends RunbookPassage {
  id: number;
}

async function markdownFiles(dir: string, base = dir, out: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES) break;
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await markdownFiles(full, base, out);
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** The excerpt: a window of the passage starting near the first line that contains a matched term. */
function excerptOf(text: string, terms: readonly string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const positions = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  const start = first < EXCERPT_CHARS / 3 ? 0 : Math.max(0, flat.lastIndexOf(' ', first - 40) + 1);
  const end = Math.min(flat.length, start + EXCERPT_CHARS);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

export class RunbookIndex {
  private constructor(
    /** The folder indexed (absolute). */
    readonly dir: string,
    private readonly passages: IndexedPassage[],
    private readonly search: MiniSearch<IndexedPassage>,
    /** Files read, relative paths. */
    readonly files: readonly string[],
  ) {}

  /** Indexes every Markdown file under `dir`; a missing folder is a `not_found` error naming it. */
  static async load(dir: string): Promise<RunbookIndex> {
    const abs = path.resolve(dir);
    const info = await stat(abs).catch(() => undefined);
    if (!info?.isDirectory()) throw new PromptOpsError('not_found', `runbook folder ${abs} does not exist`);
    const passages: IndexedPassage[] = [];
    const files: string[] = [];
    for (const full of await markdownFiles(abs)) {
      if ((await stat(full)).size > MAX_FILE_BYTES) continue;
      const rel = path.relative(abs, full).split(path.sep).join('/');
      files.push(rel);
      for (const p of splitMarkdown(rel, await readFile(full, 'utf8'))) passages.push({ ...p, id: passages.length });
    }
    return RunbookIndex.fromPassages(abs, passages, files);
  }

  /** An index over passages already in memory (tests, other sources of notes). */
  static fromPassages(dir: string, passages: readonly RunbookPassage[], files: readonly string[] = []): RunbookIndex {
    const indexed = passages.map((p, id) => ({ ...p, id }));
    const search = new MiniSearch<IndexedPassage>({
      fields: ['heading', 'text'],
      tokenize: tokenizeMixed,
      // tokenizeMixed already normalises case; keep every token (no stop words in two languages).
      processTerm: (t) => t,
      searchOptions: {
        boost: { heading: 2 },
        combineWith: 'OR',
        prefix: (t) => !isHangulToken(t) && t.length >= 4,
        fuzzy: (t) => (!isHangulToken(t) && t.length >= 6 ? 0.2 : false),
      },
    });
    search.addAll(indexed);
    return new RunbookIndex(dir, indexed, search, files);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Passages matching `query`, best first. */
  searchPassages(query: string, options: { limit?: number } = {}): RunbookHit[] {
    const { query: q, limit } = searchRunbooksInputSchema.parse({ query, limit: options.limit });
    return this.search
      .search(q)
      .slice(0, limit)
      .map((r) => {
        const p = this.passages[r.id as number]!;
        return {
          file: p.file,
          heading: p.heading,
          excerpt: excerptOf(p.text, r.terms),
          score: Math.round(r.score * 1000) / 1000,
        };
      });
  }
}
