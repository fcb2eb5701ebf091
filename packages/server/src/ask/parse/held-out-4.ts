/**
 * A fourth held-out set, written before the generalisation pass on the parser's cues (the third set's
 * misses) was ever run on it, and committed before that run: fresh questions across the whole intent
 * catalog, Korean, English and mixed, with typos and spacing variants as operators type them. A miss
 * here is a finding reported in BENCHMARKS.md, not a label to change. Its first run missed the two
 * long-session durations ("두 시간 이상", "more than 90 minutes"); the duration reader added for them
 * (`duration-words.ts`) was written knowing those questions, so the set is no longer fully held out.
 * Same clock and zone as `testset.ts` (Wednesday 2026-03-18 14:20, Asia/Seoul).
 */
import type { LabelledQuestion, WallRange } from './testset.js';

const H = 3_600_000;
const YESTERDAY: WallRange = ['2026-03-17T00:00', '2026-03-18T00:00'];
const LAST_WEEK: WallRange = ['2026-03-09T00:00', '2026-03-16T00:00'];
const LAST_MONTH: WallRange = ['2026-02-01T00:00', '2026-03-01T00:00'];
const THIS_MONTH: WallRange = ['2026-03-01T00:00', 'now'];
const TODAY: WallRange = ['2026-03-18T00:00', 'now'];

export const HELD_OUT_4: readonly LabelledQuestion[] = [
  // concurrent_users.now
  { q: '지금 접속해 있는 사람 대충 몇 명?', intent: 'concurrent_users.now' },
  { q: 'how many ppl online rn?', intent: 'concurrent_users.now' },
  { q: '현재동접 was4만', intent: 'concurrent_users.now', params: { instances: ['was4'] } },
  // sessions.vs_users
  {
    q: '세션 12만개 떠있는데 실제 이용자는?',
    intent: 'sessions.vs_users',
    params: { sessions: 120_000 },
  },
  { q: 'our session count is way higher than real users — why the gap?', intent: 'sessions.vs_users' },
  // concurrent_users.compare
  { q: '지난주 이맘때랑 비교하면 지금 사용자 늘었어?', intent: 'concurrent_users.compare' },
  { q: 'compare current CCU vs same time yesterday', intent: 'concurrent_users.compare' },
  // concurrent_users.trend
  {
    q: '최근 3시간 동접 추이 보여줘',
    intent: 'concurrent_users.trend',
    params: { range: ['2026-03-18T11:20', 'now'] },
  },
  {
    q: 'plot CCU for the last 24 hours',
    intent: 'concurrent_users.trend',
    params: { range: ['2026-03-17T14:20', 'now'] },
  },
  // concurrent_users.stats
  {
    q: '어제 동접 최고치 얼마 찍었어?',
    intent: 'concurrent_users.stats',
    params: { range: YESTERDAY, stat: 'max' },
  },
  {
    q: 'average concurent users last month',
    intent: 'concurrent_users.stats',
    params: { range: LAST_MONTH, stat: 'avg' },
  },
  // capacity.recommend
  {
    q: '동시접속 3만명 받으려면 was 몇대 더 있어야 돼?',
    intent: 'capacity.recommend',
    params: { targetUsers: 30_000 },
  },
  { q: 'is our current server fleet big enough for next month?', intent: 'capacity.recommend' },
  { q: '서버 증설이 필요할까?', intent: 'capacity.recommend' },
  // scaling.policy
  {
    q: '동접 2000 넘으면 서버 1대 추가하는 정책 어때?',
    intent: 'scaling.policy',
    params: { scaling: { scaleUp: { above: 2000, add: 1 } } },
  },
  { q: 'what autoscaling thresholds should we set?', intent: 'scaling.policy' },
  // seasonality.peaks
  { q: '보통 몇 시에 사용자가 제일 많아?', intent: 'seasonality.peaks' },
  { q: 'which hours of the day see peak traffic?', intent: 'seasonality.peaks' },
  // seasonality.weekday_weekend
  { q: '평일이랑 주말 트래픽 차이 얼마나 나?', intent: 'seasonality.weekday_weekend' },
  { q: 'do weekends get less traffic than weekdays?', intent: 'seasonality.weekday_weekend' },
  // seasonality.period_compare
  {
    q: '이번달 접속자 지난달이랑 비교해줘',
    intent: 'seasonality.period_compare',
    params: { range: THIS_MONTH, baseline: ['2026-02-01T00:00', '2026-02-18T14:20'] },
  },
  { q: 'how does this year compare to last year so far?', intent: 'seasonality.period_compare' },
  // servers.surge
  { q: '갑자기 요청 몰린 인스턴스 있어?', intent: 'servers.surge' },
  { q: 'which server got slammed with traffic in the last hour?', intent: 'servers.surge' },
  // rca.cpu_spike
  { q: 'was2 씨피유 왜 튀었어?', intent: 'rca.cpu_spike', params: { instances: ['was2'] } },
  {
    q: 'why was cpu pegged at 100% yesterday?',
    intent: 'rca.cpu_spike',
    params: { range: YESTERDAY },
  },
  // rca.oom
  { q: 'was1 OutOfMemory 왜 났어?', intent: 'rca.oom', params: { instances: ['was1'] } },
  { q: '메모리 부족으로 죽은 원인 찾아줘', intent: 'rca.oom' },
  // report.weekly
  { q: '지난주 주간보고서 엑셀로', intent: 'report.weekly', params: { range: LAST_WEEK, format: 'xlsx' } },
  { q: 'generate the weekly summary', intent: 'report.weekly' },
  // report.monthly
  { q: '월간 리포트 pdf 로 보내줘', intent: 'report.monthly', params: { format: 'pdf' } },
  { q: "last month's usage report in csv", intent: 'report.monthly', params: { range: LAST_MONTH, format: 'csv' } },
  // sla.report
  { q: '이번 달 가용성 SLA 충족했나?', intent: 'sla.report', params: { range: THIS_MONTH } },
  { q: 'what was our uptime last week?', intent: 'sla.report', params: { range: LAST_WEEK } },
  // sessions.by_server
  { q: '서버별 세션 분포 알려줘', intent: 'sessions.by_server' },
  { q: 'session count per instance', intent: 'sessions.by_server' },
  // users.current
  { q: '지금 로그인한 사용자 목록', intent: 'users.current' },
  { q: 'who is logged in on was3 right now?', intent: 'users.current', params: { instances: ['was3'] } },
  // users.urls
  { q: 'choi88 이 오늘 호출한 URL', intent: 'users.urls', params: { userId: 'choi88', range: TODAY } },
  { q: 'show the request history of user bob_7', intent: 'users.urls', params: { userId: 'bob_7' } },
  // users.long_sessions
  {
    q: '두 시간 이상 붙어 있는 세션 있어?',
    intent: 'users.long_sessions',
    params: { minDurationMs: 2 * H },
  },
  {
    q: 'anyone connected for more than 90 minutes?',
    intent: 'users.long_sessions',
    params: { minDurationMs: 1.5 * H },
  },
  // security.abnormal_urls
  { q: '이상한 URL로 들어오는 요청 있어?', intent: 'security.abnormal_urls' },
  {
    q: 'any path traversal or sql injection attempts in the logs today?',
    intent: 'security.abnormal_urls',
    params: { range: TODAY },
  },
  // security.login_burst
  { q: '로그인 실패 급증한 IP 있어?', intent: 'security.login_burst' },
  { q: 'credential stuffing on the login endpoint?', intent: 'security.login_burst' },
  // unknown
  { q: 'DB 백업 언제 돌았어?', intent: 'unknown' },
  { q: "what's the weather in Seoul?", intent: 'unknown' },
];
