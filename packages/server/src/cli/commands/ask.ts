/**
 * `promptops ask "…"`: ask a question in Korean or English. With `--server URL` the running server
 * answers (`POST /api/v1/ask`); otherwise the data directory is opened here read-only, so asking never
 * writes to it. The embedded database refuses even a reader while a server holds it for writing: that
 * is said, with the --server to use, instead of fighting for it.
 * Locally the answer takes the same path as over REST: the LLM router when one is configured in the
 * environment (docs/llm.md), and runbook citations on incident answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { MAX_QUESTION_CHARS } from '../../ask/answer/answer-question.js';
import type { AskAnswer, Cell } from '../../ask/answer/answer-types.js';
import { askContextOf } from '../../ask/answer/ask-context.js';
import { llmFromEnv, routedAsk } from '../../ask/llm/index.js';
import { resolveRunbookDir, withRunbooks } from '../../ask/runbooks/index.js';
import { openCollector, databaseFileOf } from '../../collector/collector.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { readDemoMarker } from '../../sim/demo-history.js';

interface AskFlags {
  json: boolean;
  server?: string;
  data: string;
  lang?: string;
  timeZone?: string;
  mode?: string;
  runbooks?: string;
}

const TABLE_ROWS = 15;
const CELL_WIDTH = 28;

function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '-';
  const s = typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v);
  return s.length > CELL_WIDTH ? `${s.slice(0, CELL_WIDTH - 1)}…` : s;
}

/** East Asian wide characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** The answer for a terminal: text, a compact table, evidence lines, caveats. */
export function renderAnswer(a: AskAnswer): string {
  const out: string[] = [a.answer, ''];
  const { columns, rows } = a.data;
  if (columns.length > 0 && rows.length > 0) {
    const shown = rows.slice(0, TABLE_ROWS).map((r) => columns.map((c) => cellText(r[c])));
    const widths = columns.map((c, i) => Math.max(width(c), ...shown.map((r) => width(r[i] ?? ''))));
    const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null));
    const line = (cells: string[]): string =>
      cells.map((s, i) => pad(s, widths[i] ?? 0, numeric[i] ?? false)).join('  ');
    out.push(line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...shown.map(line));
    if (rows.length > TABLE_ROWS) out.push(`… ${rows.length - TABLE_ROWS} more rows (--json for all)`);
    out.push('');
  }
  for (const e of a.evidence)
    out.push(
      `evidence ${e.id}: [${e.layer}] ${e.description}; ${e.range.from} → ${e.range.to}; ${e.rows} rows${e.errorBand ? `; ±${(e.errorBand * 100).toFixed(2)} %` : ''}\n  ${e.call}`,
    );
  for (const c of a.caveats) out.push(`caveat: ${c}`);
  for (const l of a.links ?? []) out.push(`link: ${l}`);
  out.push(`(intent ${a.intent}, confidence ${a.confidence.toFixed(2)})`);
  return `${out.join('\n')}\n`;
}

async function askServer(server: string, question: string, lang: string | undefined): Promise<AskAnswer> {
  let url: URL;
  try {
    url = new URL('/api/v1/ask', server);
  } catch {
    throw new PromptOpsError('invalid_parameter', `--server '${server}' is not a URL (e.g. http://127.0.0.1:4318)`);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lang ? { question, lang } : { question }),
    });
  } catch (err) {
    throw new PromptOpsError(
      'unavailable',
      `cannot reach ${url.origin} (is \`npx promptops serve\` or \`demo\` running?)`,
      { cause: err },
    );
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new PromptOpsError(
      res.status === 400 ? 'invalid_parameter' : 'unavailable',
      `the server refused the question: ${message}`,
    );
  }
  return body as AskAnswer;
}

async function askLocal(flags: AskFlags, question: string): Promise<AskAnswer> {
  const dataDir = path.resolve(flags.data);
  if (!fs.existsSync(databaseFileOf(dataDir)))
    throw new PromptOpsError(
      'not_found',
      `no PromptOps data in ${dataDir}: run \`npx promptops demo\` for simulated data (or \`serve\` and send traffic), or point --data at a data directory`,
    );
  // The modes the data was collected with: as told, or as the demo recorded them.
  const modes = flags.mode ?? readDemoMarker(dataDir)?.modes.join(',');
  // Parsed before the data opens: a bad LLM configuration fails here, listing every problem.
  const ask = routedAsk(llmFromEnv());
  let collector;
  try {
    collector = await openCollector({ dataDir, autoTick: false, readOnly: true, ...(modes ? { modes } : {}) });
  } catch (err) {
    const e = PromptOpsError.from(err);
    if (e.code !== 'unavailable') throw e;
    throw new PromptOpsError(
      'conflict',
      `${dataDir} is held by a running server (its embedded database admits no other process while it writes, not even a reader): ask the server instead with --server http://127.0.0.1:4318 (or the --host/--port it was started with)`,
      { cause: err },
    );
  }
  try {
    const ctx = askContextOf(collector, { timeZone: flags.timeZone });
    const answer = await ask(question, ctx, flags.lang === 'ko' || flags.lang === 'en' ? flags.lang : undefined);
    return await withRunbooks(answer, question, { dir: resolveRunbookDir({ runbooks: flags.runbooks, dataDir }) });
  } finally {
    await collector.close();
  }
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('ask a question in Korean or English: the answer with its table, evidence and caveats')
    .argument('<question...>', 'the question, e.g. "세션이 10만인데 실제 동시접속자는 얼마죠?"')
    .option('--json', 'print the answer JSON (the POST /api/v1/ask body)', false)
    .option('--server <url>', 'ask a running server instead of opening the data directory')
    .option('--data <dir>', 'data directory (when no --server)', '.promptops')
    .option('--lang <lang>', "answer language: ko or en (default: the question's)")
    .option('--time-zone <zone>', 'IANA time zone for "yesterday" and local times (default Asia/Seoul; local only)')
    .option(
      '--mode <modes>',
      "identification modes the data directory was collected with (local only; default: the demo's, else ip)",
    )
    .option(
      '--runbooks <dir>',
      'runbooks cited by incident answers (local only; default runbooks/ in --data, else the demo set)',
    )
    .action(async (words: string[], flags: AskFlags) => {
      const question = words.join(' ');
      if (question.trim().length === 0) throw new PromptOpsError('invalid_parameter', 'the question is empty');
      if (question.length > MAX_QUESTION_CHARS)
        throw new PromptOpsError('invalid_parameter', `the question is longer than ${MAX_QUESTION_CHARS} characters`);
      if (flags.lang !== undefined && flags.lang !== 'ko' && flags.lang !== 'en')
        throw new PromptOpsError('invalid_parameter', `--lang '${flags.lang}' must be ko or en`);
      const answer = flags.server
        ? await askServer(flags.server, question, flags.lang)
        : await askLocal(flags, question);
      process.stdout.write(flags.json ? `${JSON.stringify(answer, null, 2)}\n` : renderAnswer(answer));
    });
}
