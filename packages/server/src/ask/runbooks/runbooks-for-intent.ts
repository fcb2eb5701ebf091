/**
 * Runbook passages to attach to an answer: for incident and capacity intents, the question plus the
 * intent's own vocabulary (both languages) is searched, so "어제 3시에 왜 느렸어?" classified as a CPU
 * spike still finds the CPU runbook. Other intents get none (a CCU figure needs no runbook).
 */
import type { IntentName } from '../parse/index.js';
import type { RunbookHit } from './runbook-index.js';
import { searchRunbooks, type SearchRunbooksOptions } from './search-runbooks.js';

const INTENT_TERMS: Partial<Record<IntentName, string>> = {
  'rca.cpu_spike': 'CPU 급증 spike 원인 cause',
  'rca.oom': 'OutOfMemoryError OOM heap 메모리 부족',
  'security.login_burst': '로그인 무차별 대입 brute-force login',
  'security.abnormal_urls': '비정상 URL 스캐너 scanner 차단',
  'servers.surge': '급증 surge traffic CPU',
  'capacity.recommend': 'capacity scale-out 증설 servers',
  'scaling.policy': 'autoscaling rule scale up scale down',
};

/** Intents whose answers cite runbooks. */
export const RUNBOOK_INTENTS = Object.keys(INTENT_TERMS) as IntentName[];

/** A passage cited in an answer: `file › heading` plus the excerpt. */
export interface RunbookCitation extends RunbookHit {
  citation: string;
}

export async function runbooksForIntent(
  intent: IntentName,
  question: string,
  options: SearchRunbooksOptions = {},
): Promise<RunbookCitation[]> {
  const terms = INTENT_TERMS[intent];
  if (terms === undefined) return [];
  const hits = await searchRunbooks(`${question.slice(0, 300)} ${terms}`, { limit: 3, ...options });
  return hits.map((h) => ({ ...h, citation: `${h.file} › ${h.heading}` }));
}

/**
 * The answer with `runbooks` (citations) added when its intent is one that cites runbooks and a
 * passage matched; otherwise the answer unchanged. A missing runbook folder never fails an answer.
 */
export async function withRunbooks<A extends { intent: IntentName }>(
  answer: A,
  question: string,
  options: SearchRunbooksOptions = {},
): Promise<A & { runbooks?: RunbookCitation[] }> {
  const citations = await runbooksForIntent(answer.intent, question, options).catch(() => []);
  return citations.length > 0 ? { ...answer, runbooks: citations } : answer;
}
