/**
 * Korean questions get Korean answers in every text part: the answer text and every caveat, across
 * every intent of the catalog and the branches that add their own caveats (an unknown instance, a
 * scaling rule that never fires, a user id with no requests, a forecast). Tools write English (MCP
 * clients read them); what a Korean question gets back must not carry an English sentence. Technical
 * tokens (mode names, instance names, `npx promptops …` commands, metric names) may stay Latin; a run
 * of four or more English words in a part with no Hangul is a sentence left untranslated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, askContextOf, INTENT_CATALOG, type AskAnswer } from '../packages/server/src/ask/index.js';
import type { AnswerContext } from '../packages/server/src/ask/answer/answer-types.js';
import {
  openSimulatedCollector,
  type SimulatedCollector,
} from '../packages/server/src/ask/tools/testing/simulated-collector.js';

/** Wednesday 2026-11-25 11:00 in Seoul. */
const NOW = Date.UTC(2026, 10, 25, 2, 0);
const HANGUL = /[\uac00-\ud7a3]/;
/** Four English words in a row: prose, not a token. */
const ENGLISH_PROSE = /\b[a-z]{2,}(?:'[a-z]+)? [a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i;

/** Korean questions beyond the catalog examples, each reaching a branch with its own wording. */
const MORE_KOREAN = [
  'was9 지금 동접 몇 명이야?',
  '쿠키 기준이랑 IP 기준 동접 차이',
  '동접 100만 넘으면 파드 3개 추가해줘',
  '동접 2000명 넘으면 서버 1대 추가하고 500명 아래면 1대로 줄여줘',
  '다음 주 동접 예측해서 서버 몇 대 필요한지 알려줘',
  '서버 4대로 동접 5천명 버틸 수 있어?',
  '사용자 nobody_here가 어제 호출한 URL',
  '작년 이맘때랑 이번 달 비교해줘',
  '지난주 평일 주말 차이',
  '3시간 이상 접속한 사용자',
  '최근 1시간 was2 CPU 왜 튀었어?',
  '어제 OOM 원인 찾아줘',
  '이번 달 SLA 보고서 엑셀로',
  '지난달 가용성 몇 퍼센트였어?',
  '오늘 날씨 어때?',
];

/** The parts of a text that are in English only: split on sentence and clause breaks. */
function englishParts(text: string): string[] {
  return text
    .split(/\n|(?<=[.;])\s+|;\s*|\s+—\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !HANGUL.test(s) && ENGLISH_PROSE.test(s.replace(/`[^`]*`|"[^"]*"/g, '')));
}

let sim: SimulatedCollector;
let ctx: AnswerContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'promptops-ask-ko-'));
  sim = await openSimulatedCollector({ dataDir, now: NOW });
  ctx = askContextOf(sim.collector, { now: NOW });
}, 240_000);

afterAll(async () => {
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('Korean answers speak Korean in every text part', () => {
  it('the prose check itself flags an English sentence and passes Korean with technical tokens', () => {
    expect(englishParts('simulated on hourly peaks: sized for each hour’s peak')).not.toEqual([]);
    expect(englishParts('모드 ip: 같은 NAT 주소 뒤의 사용자는 한 명으로 셉니다')).toEqual([]);
    expect(englishParts('HPA·KEDA 매니페스트 파일: npx promptops k8s manifests --policy "<이 문장>"')).toEqual([]);
  });

  it('every intent, asked in Korean, answers and caveats in Korean', async () => {
    const questions = [...Object.values(INTENT_CATALOG).map((e) => e.example.ko), ...MORE_KOREAN];
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const q of questions) {
      const a: AskAnswer = await answerQuestion(q, ctx);
      seen.add(a.intent);
      expect(a.lang, q).toBe('ko');
      expect(HANGUL.test(a.answer), q).toBe(true);
      for (const part of englishParts(a.answer)) bad.push(`${q} [${a.intent}] answer: ${part}`);
      for (const c of a.caveats) {
        if (!HANGUL.test(c)) bad.push(`${q} [${a.intent}] caveat with no Korean: ${c}`);
        for (const part of englishParts(c)) bad.push(`${q} [${a.intent}] caveat: ${part}`);
      }
    }
    expect(bad).toEqual([]);
    // Every intent of the catalog (and unknown) was reached, so no answer path escaped the check.
    expect([...seen].sort()).toEqual([...Object.keys(INTENT_CATALOG), 'unknown'].sort());
  }, 180_000);
});
