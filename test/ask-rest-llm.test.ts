/**
 * `POST /api/v1/ask` with the optional LLM wired the way `serve` wires it (`llm` in the app's deps):
 * against a real OpenAI-compatible HTTP server (scripted), an unsure question is answered with the
 * LLM's intent and the route is recorded; without an LLM the answer is the deterministic engine's;
 * incident answers cite runbooks over REST exactly as the MCP `ask` tool does.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { answerQuestion, askContextOf } from '../packages/server/src/ask/index.js';
import { CLASSIFY_FUNCTION_NAME, LlmClient, parseLlmConfig } from '../packages/server/src/ask/llm/index.js';
import {
  startScriptedLlmServer,
  type ScriptedLlmServer,
} from '../packages/server/src/ask/llm/testing/scripted-llm-server.js';
import { seededRandom, syntheticTransaction } from '../packages/server/src/collector/testing/synthetic-traffic.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 1, 0);
const NOW = T0 + 25 * MIN;
/** A paraphrase the parser's cues do not know: it is unsure, so the router asks the model. */
const UNSURE = 'why did the JVM on was1 die yesterday?';

interface RestAnswer {
  intent: string;
  answer: string;
  caveats: string[];
  route?: { parse: string; phrase: string; provider?: string; llmCalls: number };
  runbooks?: { file: string; citation: string }[];
}

let tc: TestCollector;
let llmServer: ScriptedLlmServer;

beforeAll(async () => {
  tc = await openTestCollector(T0, { modes: 'user,ip' });
  const rand = seededRandom(11);
  for (let t = T0; t < T0 + 20 * MIN; t += 10_000) {
    const batch = [];
    for (let i = 0; i < 20; i++)
      batch.push(syntheticTransaction(rand, t + i * 400, Math.floor(rand() * 50), `was${i % 2}`));
    tc.collector.transactions(batch);
    await tc.advanceTo(t + 10_000);
  }
  await tc.advanceTo(NOW);
  llmServer = await startScriptedLlmServer('openai');
}, 120_000);

afterAll(async () => {
  await llmServer?.close();
  await tc?.dispose();
});

function appWith(llm: LlmClient | null): Hono {
  return createApp({ collector: tc.collector, now: () => NOW, log: () => undefined, llm });
}

async function ask(app: Hono, question: string): Promise<RestAnswer> {
  const res = await app.request('/api/v1/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as RestAnswer;
}

function llmClient(): LlmClient {
  const config = parseLlmConfig({
    PROMPTOPS_LLM_PROVIDER: 'openai',
    PROMPTOPS_LLM_BASE_URL: llmServer.baseUrl,
    PROMPTOPS_LLM_MODEL: 'test-model',
    PROMPTOPS_LLM_TIMEOUT_MS: '2000',
    PROMPTOPS_LLM_PHRASE: 'off',
  });
  if (config === null) throw new Error('LLM config expected');
  return new LlmClient(config);
}

describe('POST /api/v1/ask with an LLM configured', () => {
  it('answers an unsure question with the intent the LLM chose, records the route and cites runbooks', async () => {
    // Without the model the parser does not read this as an OOM question.
    const deterministic = await answerQuestion(UNSURE, askContextOf(tc.collector, { now: NOW }));
    expect(deterministic.intent).not.toBe('rca.oom');

    llmServer.requests.length = 0;
    llmServer.script({
      kind: 'call',
      name: CLASSIFY_FUNCTION_NAME,
      arguments: { intent: 'rca.oom', params: { instances: ['was1'] } },
    });
    const a = await ask(appWith(llmClient()), UNSURE);
    expect(llmServer.requests).toHaveLength(1);
    expect(a.intent).toBe('rca.oom');
    expect(a.route).toMatchObject({
      parse: 'llm',
      phrase: 'deterministic',
      provider: 'openai:test-model',
      llmCalls: 1,
    });
    expect(a.caveats.some((c) => /intent chosen by the LLM/.test(c))).toBe(true);
    // The OOM answer cites the OOM runbook, as the MCP ask tool does.
    expect(a.runbooks?.[0]?.file).toBe('oom.md');
  });

  it('keeps a sure question on the deterministic parser (no model call)', async () => {
    llmServer.requests.length = 0;
    const a = await ask(appWith(llmClient()), '지금 동접 몇 명이야?');
    expect(a.intent).toBe('concurrent_users.now');
    expect(a.route?.parse).toBe('deterministic');
    expect(llmServer.requests).toHaveLength(0);
  });

  it('falls back to the deterministic parse when the model fails', async () => {
    llmServer.script({ kind: 'status', status: 500 });
    const a = await ask(appWith(llmClient()), UNSURE);
    expect(a.intent).toBe((await answerQuestion(UNSURE, askContextOf(tc.collector, { now: NOW }))).intent);
    expect(a.route?.parse).toBe('deterministic-fallback');
  });
});

describe('POST /api/v1/ask without an LLM', () => {
  it('is the deterministic engine, with runbook citations on incident answers', async () => {
    const app = appWith(null);
    const a = await ask(app, UNSURE);
    const d = await answerQuestion(UNSURE, askContextOf(tc.collector, { now: NOW }));
    expect(a.intent).toBe(d.intent);
    expect(a.answer).toBe(d.answer);
    expect(a).not.toHaveProperty('route');
    const rca = await ask(app, '어제 CPU 급증 원인이 뭐야?');
    expect(rca.intent).toBe('rca.cpu_spike');
    expect(rca.runbooks?.[0]?.file).toBe('cpu-spike.md');
    expect(rca.runbooks?.[0]?.citation).toMatch(/^cpu-spike\.md › /);
    const ccu = await ask(app, '지금 동접 몇 명이야?');
    expect(ccu).not.toHaveProperty('runbooks');
  });
});

describe('serve --time-zone and --runbooks', () => {
  const flags = {
    data: '/tmp/promptops-serve-flags',
    host: '127.0.0.1',
    mode: 'ip',
    window: '300',
    trustedProxy: [],
    maxBodyMib: '16',
    maxSeriesPoints: '10000',
    maxConcurrentIngest: '16',
    timeZone: 'Asia/Seoul',
  };

  it('takes an IANA zone and a runbook folder, and refuses an unknown zone naming the flag', async () => {
    const { parseServeOptions } = await import('../packages/server/src/cli/commands/serve.js');
    const ok = parseServeOptions({ ...flags, timeZone: 'Europe/Berlin', runbooks: 'ops/runbooks' }, {});
    expect(ok.timeZone).toBe('Europe/Berlin');
    expect(ok.runbookDir).toMatch(/ops\/runbooks$/);
    expect(parseServeOptions(flags, {}).runbookDir).toMatch(/runbooks$/);
    expect(() => parseServeOptions({ ...flags, timeZone: 'Mars/Olympus' }, {})).toThrow(/--time-zone 'Mars\/Olympus'/);
  });
});
