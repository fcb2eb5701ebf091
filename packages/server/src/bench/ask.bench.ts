/**
 * `npx promptops bench ask`: end-to-end latency of deterministic answers (parse → tool calls → compose
 * → mask) over demo-like data: a real collector holding simulated rollup history and raw traffic with
 * incidents. Questions: every catalog example in Korean and English plus the headline question.
 * Peers in the same run: the parser alone, the plain collector read behind a "now" answer
 * (`concurrentUsers`), and the same answer through `POST /api/v1/ask` (Hono `app.request`, no socket).
 * Options: `days=` of hourly history (35), `peak=` weekday peak CCU (500), `rawHours=` (3), `rounds=` (10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../api/app.js';
import { answerQuestion } from '../ask/answer/answer-question.js';
import { askContextOf } from '../ask/answer/ask-context.js';
import { INTENT_CATALOG } from '../ask/parse/intent-catalog.js';
import { parseQuestion } from '../ask/parse/parse-question.js';
import { openSimulatedCollector } from '../ask/tools/testing/simulated-collector.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const HEADLINE = '세션이 10만인데 실제 동시접속자는 얼마죠?';
/** Wednesday 11:00 in Seoul, a working morning. */
const NOW = Date.UTC(2026, 10, 25, 2, 0);
const TARGET_P95_MS = 150;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(times: number[]): { p50: number; p95: number; max: number; n: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN, n: s.length };
}

const f = (ms: number): string => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));

export const bench: BenchModule = {
  description:
    'ask engine: end-to-end latency of deterministic answers per intent over demo-like data; peers: parser alone, the plain collector read, POST /api/v1/ask',
  async run({ quick, params, log }) {
    const days = Number(params.days ?? (quick ? 9 : 35));
    const peakCcu = Number(params.peak ?? (quick ? 300 : 500));
    const rawHours = Number(params.rawHours ?? (quick ? 1 : 3));
    const rounds = Number(params.rounds ?? (quick ? 2 : 10));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-ask-'));
    try {
      log(`building data: ${days} days of history, ${rawHours} h raw traffic, peak ${peakCcu} CCU…`);
      const t0 = performance.now();
      const sim = await openSimulatedCollector({ dataDir, now: NOW, days, rawHours, peakCcu });
      const buildS = (performance.now() - t0) / 1000;
      try {
        const ctx = askContextOf(sim.collector, { now: NOW });
        const questions: { q: string; intent: string }[] = [{ q: HEADLINE, intent: 'sessions.vs_users' }];
        for (const [intent, e] of Object.entries(INTENT_CATALOG))
          questions.push({ q: e.example.ko, intent }, { q: e.example.en, intent });
        questions.push({ q: '오늘 날씨 어때?', intent: 'unknown' });
        // Warm-up: DuckDB plans, JIT.
        for (const { q } of questions) await answerQuestion(q, ctx);
        const all: number[] = [];
        const byIntent = new Map<string, number[]>();
        const parseTimes: number[] = [];
        const readTimes: number[] = [];
        const httpTimes: number[] = [];
        const app = createApp({ collector: sim.collector, now: () => NOW, log: () => undefined });
        for (let r = 0; r < rounds; r++) {
          log(`round ${r + 1}/${rounds}`);
          for (const { q, intent } of questions) {
            const a = performance.now();
            const answer = await answerQuestion(q, ctx);
            const ms = performance.now() - a;
            if (answer.intent !== intent) throw new Error(`'${q}' answered as ${answer.intent}, expected ${intent}`);
            all.push(ms);
            byIntent.set(intent, [...(byIntent.get(intent) ?? []), ms]);
            const p = performance.now();
            parseQuestion(q, { now: NOW, timeZone: ctx.timeZone, instances: ctx.instances ?? [] });
            parseTimes.push(performance.now() - p);
          }
          const c = performance.now();
          await sim.collector.concurrentUsers();
          readTimes.push(performance.now() - c);
          const h = performance.now();
          const res = await app.request('/api/v1/ask', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ question: HEADLINE }),
          });
          await res.json();
          httpTimes.push(performance.now() - h);
        }
        const total = summary(all);
        const rawIntents = new Set(['rca.cpu_spike', 'rca.oom', 'security.abnormal_urls', 'security.login_burst']);
        const split = (raw: boolean) =>
          summary([...byIntent.entries()].filter(([i]) => rawIntents.has(i) === raw).flatMap(([, t]) => t));
        const rollupLive = split(false);
        const rawAnalyses = split(true);
        const rows = [...byIntent.entries()]
          .map(([intent, times]) => ({ intent, ...summary(times) }))
          .sort((a, b) => b.p95 - a.p95);
        const headline = summary(byIntent.get('sessions.vs_users') ?? []);
        return [
          machineHeader('Ask: end-to-end answers (`npx promptops bench ask`)'),
          `- data: real collector (DuckDB) with ${days} days of simulated hourly history (1 min for 2 days, 5 min for ${Math.min(days, 3)} days), ${rawHours} h of raw traffic with incidents, weekday peak ${peakCcu} CCU, 4 instances, modes user,ip; built in ${buildS.toFixed(0)} s`,
          `- questions: ${questions.length} (every catalog example in ko and en, the headline question, one out-of-scope), ${rounds} rounds after one warm-up round; sequential, one process`,
          '',
          '| what | p50 ms | p95 ms | max ms | n |',
          '| --- | ---: | ---: | ---: | ---: |',
          `| **all answers** (parse → tools → compose → mask) | ${f(total.p50)} | **${f(total.p95)}** | ${f(total.max)} | ${total.n} |`,
          `| rollup and live answers (every intent but RCA and security) | ${f(rollupLive.p50)} | **${f(rollupLive.p95)}** | ${f(rollupLive.max)} | ${rollupLive.n} |`,
          `| RCA and security answers (read raw transactions, metrics, logs) | ${f(rawAnalyses.p50)} | ${f(rawAnalyses.p95)} | ${f(rawAnalyses.max)} | ${rawAnalyses.n} |`,
          `| headline "${HEADLINE}" | ${f(headline.p50)} | ${f(headline.p95)} | ${f(headline.max)} | ${headline.n} |`,
          `| peer: the same through POST /api/v1/ask (app.request) | ${f(summary(httpTimes).p50)} | ${f(summary(httpTimes).p95)} | ${f(summary(httpTimes).max)} | ${httpTimes.length} |`,
          `| peer: parser alone | ${f(summary(parseTimes).p50)} | ${f(summary(parseTimes).p95)} | ${f(summary(parseTimes).max)} | ${parseTimes.length} |`,
          `| peer: plain collector read (concurrentUsers) | ${f(summary(readTimes).p50)} | ${f(summary(readTimes).p95)} | ${f(summary(readTimes).max)} | ${readTimes.length} |`,
          '',
          `Target p95 ≤ ${TARGET_P95_MS} ms: all answers **${total.p95 <= TARGET_P95_MS ? 'met' : 'missed'}** (p95 ${f(total.p95)} ms); rollup and live answers **${rollupLive.p95 <= TARGET_P95_MS ? 'met' : 'missed'}** (p95 ${f(rollupLive.p95)} ms). Load average at the end of the run: ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(' / ')} (1/5/15 min) on ${os.cpus().length} cores shared with other work.`,
          '',
          '| intent | p50 ms | p95 ms | max ms |',
          '| --- | ---: | ---: | ---: |',
          ...rows.map((r) => `| ${r.intent} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.max)} |`),
          '',
        ].join('\n');
      } finally {
        await sim.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
