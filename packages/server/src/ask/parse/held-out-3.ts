/**
 * A third held-out set, written after the demo-driven cue fixes (issue #6 integration) and before it
 * was ever run: natural questions in Korean and English, phrased the way operators type them, never
 * tuned on. Its accuracy is reported beside the other sets; a miss here is a finding, not a label to
 * change. Same clock and zone as `testset.ts` (Wednesday 2026-03-18 14:20, Asia/Seoul).
 */
import type { LabelledQuestion, WallRange } from './testset.js';

const YESTERDAY: WallRange = ['2026-03-17T00:00', '2026-03-18T00:00'];
const LAST_WEEK: WallRange = ['2026-03-09T00:00', '2026-03-16T00:00'];

export const HELD_OUT_3: readonly LabelledQuestion[] = [
  { q: '지금 사이트에 몇 명 붙어 있어?', intent: 'concurrent_users.now' },
  { q: 'how many folks are on the site at the moment?', intent: 'concurrent_users.now' },
  { q: '현재 동시 사용자 수 좀 알려줄래', intent: 'concurrent_users.now' },
  { q: '쿠키 기준이랑 IP 기준 지금 몇 명씩이야?', intent: 'concurrent_users.now', params: { modes: ['ip', 'cookie'] } },
  {
    q: '세션이 4만 개라는데 실제 사람은 몇 명이야?',
    intent: 'sessions.vs_users',
    params: { sessions: 40_000 },
  },
  {
    q: 'tomcat shows 80k sessions, how many real users is that?',
    intent: 'sessions.vs_users',
    params: { sessions: 80_000 },
  },
  { q: '어제보다 오늘 접속자 많아?', intent: 'concurrent_users.compare' },
  { q: 'how does today compare with last Wednesday?', intent: 'concurrent_users.compare' },
  { q: '오늘 하루 동접 흐름 보여줘', intent: 'concurrent_users.trend' },
  { q: 'show me a chart of concurrent users over the past 12 hours', intent: 'concurrent_users.trend' },
  {
    q: '어제 평균 동접이 얼마였지?',
    intent: 'concurrent_users.stats',
    params: { range: YESTERDAY, stat: 'avg' },
  },
  {
    q: 'what was the lowest CCU last week?',
    intent: 'concurrent_users.stats',
    params: { range: LAST_WEEK, stat: 'min' },
  },
  { q: '다음 달 이벤트 때 서버 충분할까?', intent: 'capacity.recommend' },
  {
    q: 'do we have enough servers for 5000 concurrent users?',
    intent: 'capacity.recommend',
    params: { targetUsers: 5000 },
  },
  { q: 'HPA 설정 어떻게 잡으면 돼?', intent: 'scaling.policy' },
  { q: '하루 중 언제 제일 붐벼?', intent: 'seasonality.peaks' },
  { q: 'what are our busiest hours?', intent: 'seasonality.peaks' },
  { q: '주말에는 평일보다 얼마나 덜 들어와?', intent: 'seasonality.weekday_weekend' },
  { q: '작년 12월이랑 올해 1월 트래픽 비교', intent: 'seasonality.period_compare' },
  { q: '방금 트래픽 튄 서버 어디야?', intent: 'servers.surge' },
  { q: 'was3 CPU가 왜 이렇게 높아?', intent: 'rca.cpu_spike', params: { instances: ['was3'] } },
  { q: 'what made the heap blow up on was2?', intent: 'rca.oom', params: { instances: ['was2'] } },
  { q: '이번 주 주간 리포트 뽑아줘', intent: 'report.weekly' },
  { q: 'send me last month’s report as a PDF', intent: 'report.monthly', params: { format: 'pdf' } },
  { q: '지난달 가동률 99.9% 넘었어?', intent: 'sla.report' },
  { q: 'how are sessions spread across the WAS nodes?', intent: 'sessions.by_server' },
  { q: '지금 들어와 있는 사람들 아이디 보여줘', intent: 'users.current' },
  { q: 'kim01 사용자가 어제 뭐 눌렀어?', intent: 'users.urls', params: { userId: 'kim01' } },
  { q: '5시간 넘게 접속 중인 사람 있어?', intent: 'users.long_sessions', params: { minDurationMs: 18_000_000 } },
  { q: 'any weird scanner traffic hitting /wp-admin?', intent: 'security.abnormal_urls' },
  { q: '비밀번호 틀린 로그인 시도가 갑자기 늘었어', intent: 'security.login_burst' },
  { q: '점심 뭐 먹을까?', intent: 'unknown' },
];
