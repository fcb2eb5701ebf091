/**
 * The LLM router around the real ask engine and a real collector: the deterministic answer computes
 * every number; an LLM wording that keeps them is shown, one with an invented number is discarded
 * for the deterministic text, a failing endpoint leaves the deterministic answer, and the route taken
 * is recorded in `route` and in the caveats. Without an LLM the router is the deterministic engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../packages/server/src/ask/answer/answer-question.js';
import { askContextOf } from '../packages/server/src/ask/answer/ask-context.js';
import type { AnswerContext } from '../packages/server/src/ask/answer/answer-types.js';
import { LlmClient, answerWithRouter, numberClaims, parseLlmConfig } from '../packages/server/src/ask/llm/index.js';
import {
  startScriptedLlmServer,
  type ScriptedLlmServer,
} from '../packages/server/src/ask/llm/testing/scripted-llm-server.js';
import { seededRandom, syntheticTransaction } from '../packages/server/src/collector/testing/synthetic-traffic.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const QUESTION = '지금 동접 몇 명이야?';

let tc: TestCollector;
let llmServer: ScriptedLlmServer;
let ctx: AnswerContext;
let llm: LlmClient;

beforeAll(async () => {
  tc = await openTestCollector(T0, { modes: 'user,ip' });
  const rand = seededRandom(11);
  for (let t = T0; t < T0 + 6 * 60_000; t += 10_000) {
    const batch = [];
    for (let i = 0; i < 40; i++)
      batch.push(syntheticTransaction(rand, t + i * 200, Math.floor(rand() * 300), `was${i % 3}`));
    tc.collector.transactions(batch);
    await tc.advanceTo(t + 10_000);
  }
  ctx = askContextOf(tc.collector, { now: tc.now() });
  llmServer = await startScriptedLlmServer('openai');
  llm = new LlmClient(
    parseLlmConfig({
      PROMPTOPS_LLM_PROVIDER: 'openai',
      PROMPTOPS_LLM_BASE_URL: llmServer.baseUrl,
      PROMPTOPS_LLM_MODEL: 'test-model',
      PROMPTOPS_LLM_TIMEOUT_MS: '500',
    })!,
  );
}, 60_000);

afterAll(async () => {
  await llmServer?.close();
  await tc?.dispose();
});

describe('answerWithRouter', () => {
  it('is the deterministic engine when no LLM is configured', async () => {
    const plain = await answerQuestion(QUESTION, ctx);
    const routed = await answerWithRouter(QUESTION, ctx, { llm: null, answerQuestion });
    expect(routed.answer).toBe(plain.answer);
    expect(routed.route).toEqual({
      parse: 'deterministic',
      phrase: 'deterministic',
      llmCalls: 0,
      parserConfidence: plain.confidence,
    });
  });

  it('shows an LLM wording that only restates the computed numbers', async () => {
    const plain = await answerQuestion(QUESTION, ctx);
    const total = numberClaims(plain.answer).find((c) => c.value > 50);
    expect(total).toBeDefined();
    llmServer.script({ kind: 'text', text: `지금 실제로 접속 중인 사용자는 약 ${total!.text}명입니다.` });
    const routed = await answerWithRouter(QUESTION, ctx, { llm, answerQuestion });
    expect(routed.route).toMatchObject({
      parse: 'deterministic',
      phrase: 'llm',
      provider: 'openai:test-model',
      llmCalls: 1,
    });
    expect(routed.answer).toContain(total!.text);
    expect(routed.caveats.join(' ')).toMatch(/LLM\(.+\)이 문장을 다듬었습니다; 모든 숫자는 도구 데이터와 대조/); // a Korean question: the note in Korean
    // Data and evidence are the engine's, untouched.
    expect(routed.data).toEqual(plain.data);
    expect(routed.evidence).toEqual(plain.evidence);
  });

  it('discards a wording with an invented number and keeps the deterministic text', async () => {
    const plain = await answerQuestion(QUESTION, ctx);
    llmServer.script({ kind: 'text', text: '지금 접속자는 987,654명으로 어제보다 42% 많습니다.' });
    const routed = await answerWithRouter(QUESTION, ctx, { llm, answerQuestion });
    expect(routed.route.phrase).toBe('llm-rejected');
    expect(routed.answer).toBe(plain.answer);
    expect(routed.caveats.join(' ')).toMatch(/987,654.*42%/);
  });

  it('falls back to the deterministic wording when the endpoint fails or is slow', async () => {
    const plain = await answerQuestion(QUESTION, ctx);
    llmServer.script({ kind: 'status', status: 503 });
    const failed = await answerWithRouter(QUESTION, ctx, { llm, answerQuestion });
    expect(failed.route.phrase).toBe('deterministic-fallback');
    expect(failed.answer).toBe(plain.answer);
    llmServer.script({ kind: 'slow', delayMs: 3_000, then: { kind: 'text', text: 'late' } });
    const t0 = performance.now();
    const slow = await answerWithRouter(QUESTION, ctx, { llm, answerQuestion });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(slow.route.phrase).toBe('deterministic-fallback');
    expect(slow.caveats.join(' ')).toMatch(/timeout/);
  });

  it('without a parsed-question entry, never asks the model to classify (unsure questions stay deterministic)', async () => {
    llmServer.requests.length = 0;
    const routed = await answerWithRouter('how many people are on right now', ctx, { llm, answerQuestion });
    expect(routed.route.parse).toBe('deterministic');
    expect(llmServer.requests.every((r) => r.body.tools === undefined)).toBe(true);
  });
});
