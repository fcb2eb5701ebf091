/**
 * "Now" answers, read from live state: concurrent users (one mode or several side by side), active
 * sessions against real users (the headline gap, per server), sessions per server, and who is on.
 */
import { concurrentUsersNowTool } from '../tools/concurrent-users-now.js';
import { currentUsersTool } from '../tools/current-users.js';
import { sessionsVsUsersTool, type SessionGapRow } from '../tools/sessions-vs-users.js';
import type { Fact } from './compose-answer.js';
import { echoLine, est, localTime, num, pct, pick } from './format.js';
import { instanceOf, merged, unknownInstanceCaveat, type IntentHandler } from './intent-support.js';

export const answerConcurrentUsersNow: IntentHandler<'concurrent_users.now'> = async (q, ctx, lang) => {
  const instance = instanceOf(q.params, ctx);
  const modes = q.params.modes ?? (q.params.mode ? [q.params.mode] : undefined);
  const r = await concurrentUsersNowTool.run(ctx, { at: q.params.at, instance, modes });
  const d = r.data;
  const facts: Fact[] = d.modes.map((m, i) => ({
    text: pick(
      lang,
      `${instance ? `${instance}의 ` : ''}${d.live ? '현재 ' : ''}실제 동시접속자 ${est(m.total, '명')} (${m.mode} 기준)`,
      `${d.live ? 'Right now ' : ''}${instance ? `${instance} has` : 'there are'} ${est(m.total)} real concurrent users (by ${m.mode})`,
    ),
    value: m.total.value,
    evidenceIds: [r.evidence[i]?.id ?? ''],
  }));
  const [first, second] = d.modes;
  if (first && second && first.total.value > 0) {
    const gap = first.total.value - second.total.value;
    facts.push({
      text: pick(
        lang,
        `${second.mode} 기준은 ${first.mode} 기준보다 ${num(Math.abs(gap))}명 ${gap >= 0 ? '적습니다' : '많습니다'} (${pct(Math.abs(gap) / first.total.value)})`,
        `by ${second.mode} the count is ${num(Math.abs(gap))} ${gap >= 0 ? 'lower' : 'higher'} than by ${first.mode} (${pct(Math.abs(gap) / first.total.value)})`,
      ),
      value: gap,
      evidenceIds: [r.evidence[0]?.id ?? '', r.evidence[1]?.id ?? ''],
    });
  }
  const rows = d.modes.flatMap((m) => [
    {
      instance: instance ?? pick(lang, '전체', 'all'),
      mode: m.mode,
      ccu: m.total.value,
      low: m.total.low,
      high: m.total.high,
    },
    ...(instance
      ? []
      : m.instances.map((i) => ({ instance: i.instance, mode: m.mode, ccu: i.value, low: i.low, high: i.high }))),
  ]);
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '동시접속자', 'concurrent users'),
        at: d.at,
        mode: d.modes.map((m) => m.mode).join(', '),
        windowSeconds: d.windowSeconds,
      },
      ctx.timeZone,
    ),
    facts,
    notes: d.live
      ? []
      : [
          pick(
            lang,
            '과거 시각이라 저장된 스케치(히스토리)에서 읽었습니다.',
            'A past instant: read from stored sketches (history).',
          ),
        ],
    data: { columns: ['instance', 'mode', 'ccu', 'low', 'high'], rows },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
};

function gapRow(r: SessionGapRow) {
  return {
    instance: r.instance,
    sessions: r.sessions,
    ccu: r.ccu,
    gap: r.gap,
    idleSessions: r.idleSessions,
    botSessions: r.botSessions,
    duplicateUserSessions: r.duplicateUserSessions,
    anonymousSessions: r.anonymousSessions,
  };
}

const GAP_COLUMNS = [
  'instance',
  'sessions',
  'ccu',
  'gap',
  'idleSessions',
  'botSessions',
  'duplicateUserSessions',
  'anonymousSessions',
];

export const answerSessionsVsUsers: IntentHandler<'sessions.vs_users'> = async (q, ctx, lang) => {
  const r = await sessionsVsUsersTool.run(ctx, { at: q.params.at, mode: q.params.mode });
  const d = r.data;
  const [ccuEv, sessEv, recEv] = r.evidence.map((e) => e.id);
  const t = d.total;
  const facts: Fact[] = [];
  if (t.sessions !== null && t.gap !== null) {
    facts.push({
      text: pick(
        lang,
        `활성 세션 ${num(t.sessions)}개 중 실제 동시접속자는 ${est({ value: t.ccu, low: t.ccuLow, high: t.ccuHigh }, '명')}입니다. 차이 ${num(t.gap)}개 (세션의 ${pct(t.sessions > 0 ? t.gap / t.sessions : 0)})`,
        `Of ${num(t.sessions)} active sessions, ${est({ value: t.ccu, low: t.ccuLow, high: t.ccuHigh })} are real concurrent users: a gap of ${num(t.gap)} (${pct(t.sessions > 0 ? t.gap / t.sessions : 0)} of sessions)`,
      ),
      value: t.ccu,
      evidenceIds: [ccuEv ?? '', sessEv ?? ''],
    });
  } else {
    facts.push({
      text: pick(
        lang,
        `실제 동시접속자 ${est({ value: t.ccu, low: t.ccuLow, high: t.ccuHigh }, '명')}`,
        `${est({ value: t.ccu, low: t.ccuLow, high: t.ccuHigh })} real concurrent users`,
      ),
      value: t.ccu,
      evidenceIds: [ccuEv ?? ''],
    });
  }
  facts.push({
    text: pick(
      lang,
      `차이의 구성 (최근 세션 기록 ${num(d.sessionRecords)}건): 유휴·방치 세션 ${num(t.idleSessions)}, 봇 세션 ${num(t.botSessions)}, 한 사용자의 중복 세션 ${num(t.duplicateUserSessions)}, 비로그인 세션 ${num(t.anonymousSessions)}`,
      `What makes up the gap (${num(d.sessionRecords)} recent session records): ${num(t.idleSessions)} idle or abandoned, ${num(t.botSessions)} bot, ${num(t.duplicateUserSessions)} extra sessions of the same user, ${num(t.anonymousSessions)} not signed in`,
    ),
    value: t.idleSessions,
    evidenceIds: [recEv ?? ''],
  });
  const perServer = d.servers
    .map((s) => `${s.instance} ${s.sessions === null ? '?' : num(s.sessions)}/${num(s.ccu)}`)
    .join(', ');
  if (d.servers.length > 0)
    facts.push({
      text: pick(lang, `서버별 세션/동접: ${perServer}`, `Per server, sessions/CCU: ${perServer}`),
      value: null,
      evidenceIds: [ccuEv ?? '', sessEv ?? ''],
    });
  const stated = q.params.sessions;
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '세션 대 실제 사용자', 'sessions vs real users'),
        at: d.at,
        mode: d.mode,
        windowSeconds: d.windowSeconds,
        extra:
          stated === undefined
            ? []
            : [
                pick(
                  lang,
                  `질문의 세션 수 ${num(stated)} (측정값은 아래)`,
                  `sessions you stated: ${num(stated)} (measured below)`,
                ),
              ],
      },
      ctx.timeZone,
    ),
    facts,
    notes: [
      pick(
        lang,
        '세션은 만료될 때까지 남아 있어 자리를 비운 사용자, 창을 닫고 떠난 사용자, 봇, 다시 로그인한 사용자의 이전 세션까지 셉니다. 동시접속자는 활성 창 안에 실제로 요청을 보낸 서로 다른 사람만 셉니다.',
        'Sessions live until they expire, so they also count people who walked away, closed the tab, bots, and the old session of someone who signed in again. Concurrent users count only distinct people who sent a request within the active window.',
      ),
    ],
    data: { columns: GAP_COLUMNS, rows: [gapRow(t), ...d.servers.map(gapRow)] },
    ...merged(r),
  };
};

export const answerSessionsByServer: IntentHandler<'sessions.by_server'> = async (q, ctx, lang) => {
  const r = await sessionsVsUsersTool.run(ctx, { at: q.params.at });
  const d = r.data;
  const [ccuEv, sessEv] = r.evidence.map((e) => e.id);
  const instance = instanceOf(q.params, ctx);
  const servers = instance ? d.servers.filter((s) => s.instance === instance) : d.servers;
  const facts: Fact[] = servers.map((s) => ({
    text: pick(
      lang,
      `${s.instance}: 활성 세션 ${s.sessions === null ? '알 수 없음' : num(s.sessions)}, 동시접속자 ${est({ value: s.ccu, low: s.ccuLow, high: s.ccuHigh })}`,
      `${s.instance}: ${s.sessions === null ? 'unknown' : num(s.sessions)} active sessions, ${est({ value: s.ccu, low: s.ccuLow, high: s.ccuHigh })} concurrent users`,
    ),
    value: s.sessions,
    evidenceIds: [sessEv ?? '', ccuEv ?? ''],
  }));
  if (!instance && d.total.sessions !== null)
    facts.push({
      text: pick(
        lang,
        `전체 활성 세션 ${num(d.total.sessions)}개`,
        `${num(d.total.sessions)} active sessions in total`,
      ),
      value: d.total.sessions,
      evidenceIds: [sessEv ?? ''],
    });
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '서버별 세션', 'sessions per server'),
        at: d.at,
        mode: d.mode,
        windowSeconds: d.windowSeconds,
      },
      ctx.timeZone,
    ),
    facts,
    data: { columns: GAP_COLUMNS, rows: servers.map(gapRow) },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
};

export const answerUsersCurrent: IntentHandler<'users.current'> = async (q, ctx, lang) => {
  const instance = instanceOf(q.params, ctx);
  const r = await currentUsersTool.run(ctx, { at: q.params.at, instance });
  const d = r.data;
  const ev = r.evidence[0]?.id ?? '';
  const facts: Fact[] = [
    {
      text: pick(
        lang,
        `활성 창 안의 로그인 사용자 ${num(d.signedIn)}명, 비로그인 세션 ${num(d.anonymousSessions)}개`,
        `${num(d.signedIn)} signed-in users active in the window, plus ${num(d.anonymousSessions)} anonymous sessions`,
      ),
      value: d.signedIn,
      evidenceIds: [ev],
    },
  ];
  if (d.users.length > 0)
    facts.push({
      text: pick(
        lang,
        `최근 활동 순 상위 ${num(d.users.length)}명을 표로 보여드립니다`,
        `The ${num(d.users.length)} most recently active are in the table`,
      ),
      value: d.users.length,
      evidenceIds: [ev],
    });
  return {
    echo: echoLine(
      lang,
      { what: pick(lang, '현재 사용자', 'current users'), at: d.at, windowSeconds: ctx.windowSeconds },
      ctx.timeZone,
    ),
    facts,
    data: {
      columns: ['userId', 'instance', 'sessions', 'transactions', 'lastSeen'],
      rows: d.users.map((u) => ({ ...u, lastSeen: localTime(u.lastSeen, ctx.timeZone, true) })),
    },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
};
