/** Per-user answers from raw transactions and sessions: one user's URLs, and sessions that have lasted long. */
import { longSessionsTool } from '../tools/long-sessions.js';
import { userRequestsTool } from '../tools/user-requests.js';
import type { Fact } from './compose-answer.js';
import { echoLine, localTime, num, pick } from './format.js';
import { merged, rangeOf, type IntentHandler } from './intent-support.js';

const DAY = 86_400_000;

export const answerUserUrls: IntentHandler<'users.urls'> = async (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, DAY, lang);
  const userId = q.params.userId;
  if (userId === undefined) {
    return {
      echo: echoLine(lang, { what: pick(lang, '사용자 요청', 'user requests'), range }, ctx.timeZone),
      facts: [],
      notes: [
        pick(
          lang,
          '어느 사용자인지 알려주세요. 예: "사용자 kim01이 본 URL"',
          'Which user? For example: "URLs user kim01 requested"',
        ),
      ],
      data: { columns: [], rows: [] },
      evidence: [],
      caveats: [pick(lang, '질문에서 사용자 ID를 찾지 못했습니다', 'no user id found in the question')],
    };
  }
  const r = await userRequestsTool.run(ctx, { userId, range: { from: range.from, to: range.to } });
  const d = r.data;
  const ev = r.evidence[0]?.id ?? '';
  const facts: Fact[] = [
    {
      text: pick(
        lang,
        `${userId}의 요청 ${num(d.requests)}건, 서로 다른 경로 ${num(d.routes.length)}개`,
        `${userId} made ${num(d.requests)} requests to ${num(d.routes.length)} distinct routes`,
      ),
      value: d.requests,
      evidenceIds: [ev],
    },
  ];
  const top = d.routes.slice(0, 3);
  if (top.length > 0)
    facts.push({
      text: pick(
        lang,
        `가장 많이 본 경로: ${top.map((t) => `${t.route} (${num(t.requests)})`).join(', ')}`,
        `Most requested: ${top.map((t) => `${t.route} (${num(t.requests)})`).join(', ')}`,
      ),
      value: top[0]?.requests ?? null,
      evidenceIds: [ev],
    });
  return {
    echo: echoLine(
      lang,
      { what: pick(lang, '사용자 요청', 'user requests'), range, extra: [`user ${userId}`] },
      ctx.timeZone,
    ),
    facts,
    data: {
      columns: ['route', 'requests', 'errors', 'avgMs', 'lastSeen'],
      rows: d.routes.map((t) => ({ ...t, lastSeen: localTime(t.lastSeen, ctx.timeZone, true) })),
    },
    ...merged(r),
  };
};

export const answerLongSessions: IntentHandler<'users.long_sessions'> = async (q, ctx, lang) => {
  const r = await longSessionsTool.run(ctx, { at: q.params.at, minDurationMs: q.params.minDurationMs });
  const d = r.data;
  const ev = r.evidence[0]?.id ?? '';
  const minutes = Math.round(d.minDurationMs / 60_000);
  const facts: Fact[] = [
    {
      text: pick(
        lang,
        `활성 세션 ${num(d.active)}개 중 ${num(minutes)}분 이상 이어진 세션 ${num(d.count)}개`,
        `${num(d.count)} of ${num(d.active)} active sessions have lasted ${num(minutes)} min or more`,
      ),
      value: d.count,
      evidenceIds: [ev],
    },
  ];
  const longest = d.sessions[0];
  if (longest)
    facts.push({
      text: pick(
        lang,
        `가장 긴 세션: ${num(longest.durationMinutes)}분 (${longest.instance}, ${longest.userId ?? '비로그인'})`,
        `Longest: ${num(longest.durationMinutes)} min (${longest.instance}, ${longest.userId ?? 'not signed in'})`,
      ),
      value: longest.durationMinutes,
      evidenceIds: [ev],
    });
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '장시간 세션', 'long sessions'),
        at: d.at,
        extra: [pick(lang, `${num(minutes)}분 이상`, `at least ${num(minutes)} min`)],
      },
      ctx.timeZone,
    ),
    facts,
    data: {
      columns: ['sessionId', 'instance', 'userId', 'userAgent', 'durationMinutes', 'transactions', 'firstSeen'],
      rows: d.sessions.map((s) => ({ ...s, firstSeen: localTime(s.firstSeen, ctx.timeZone, true) })),
    },
    ...merged(r),
  };
};
