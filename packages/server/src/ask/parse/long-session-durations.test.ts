import { describe, expect, it } from 'vitest';
import { parseQuestion } from './parse-question.js';
import { TESTSET_INSTANCES, TESTSET_NOW, TESTSET_TIME_ZONE } from './testset.js';

const opts = { now: TESTSET_NOW, timeZone: TESTSET_TIME_ZONE, instances: TESTSET_INSTANCES };
const MIN = 60_000;
const H = 60 * MIN;

describe('long-session questions with durations in words or digits', () => {
  it.each([
    ['두 시간 이상 붙어 있는 세션 있어?', 2 * H],
    ['한 시간 반 넘게 접속한 사용자', 1.5 * H],
    ['세 시간째 접속 중인 사용자 있어?', 3 * H],
    ['열두 시간 넘게 붙어있는 세션', 12 * H],
    ['스물네 시간 이상 접속한 세션 있나', 24 * H],
    ['삼십 분 넘게 접속한 세션 보여줘', 30 * MIN],
    ['이십분 이상 머문 사용자', 20 * MIN],
    ['1시간 반 이상 접속한 사용자', 1.5 * H],
    ['90분 넘게 접속한 사람 있어?', 90 * MIN],
    ['1시간 30분 이상 접속한 유저', 1.5 * H],
    ['최소 45분 접속한 세션', 45 * MIN],
    ['이틀 넘게 붙어있는 세션 있어?', 48 * H],
    ['anyone connected for more than 90 minutes?', 90 * MIN],
    ['sessions longer than an hour and a half', 1.5 * H],
    ['users online for at least half an hour', 30 * MIN],
    ['who has been connected more than two hours?', 2 * H],
    ['sessions over 1.5h', 1.5 * H],
    ['users logged in for 2h30m or longer', 2.5 * H],
    ['sessions longer than 2 hours and 15 minutes', 2.25 * H],
  ])('"%s" asks for sessions of at least the stated length', (q, ms) => {
    const p = parseQuestion(q, opts);
    expect(p.intent).toBe('users.long_sessions');
    expect(p.params).toMatchObject({ minDurationMs: ms });
  });

  it('a number followed by a duration unit is neither a scaling threshold nor a server count', () => {
    const p = parseQuestion('anyone connected for more than 90 minutes on 3 servers?', opts);
    expect(p.intent).toBe('users.long_sessions');
    expect(p.params).toMatchObject({ minDurationMs: 90 * MIN });
    expect(p.params).not.toHaveProperty('scaling');
  });

  it('keeps thresholds and server counts that carry no duration unit', () => {
    const rule = parseQuestion('동접 2000 넘으면 서버 1대 추가하는 정책 어때?', opts);
    expect(rule.intent).toBe('scaling.policy');
    expect(rule.params).toMatchObject({ scaling: { scaleUp: { above: 2000, add: 1 } } });
    const sizing = parseQuestion('do we have enough servers for more than 5000 concurrent users?', opts);
    expect(sizing.intent).toBe('capacity.recommend');
    expect(sizing.params).toMatchObject({ targetUsers: 5000 });
  });

  it('a duration with no lower-bound word is not a minimum session length', () => {
    const p = parseQuestion('최근 두 시간 동접 추이', opts);
    expect(p.params).not.toHaveProperty('minDurationMs');
  });
});
