/**
 * What each intent answers, in both languages, with one example question: the honest `unknown`
 * answer lists these ("I can't answer that from this data; I can answer …"), the web UI offers them
 * as suggestions, and the MCP server describes its tools with them. Every example parses back to its
 * own intent (checked by the tests), so a suggestion never leads to another `unknown`.
 */
import type { IntentName, Lang } from './question-types.js';

export interface IntentEntry {
  summary: Record<Lang, string>;
  example: Record<Lang, string>;
}

export const INTENT_CATALOG: Record<Exclude<IntentName, 'unknown'>, IntentEntry> = {
  'concurrent_users.now': {
    summary: { ko: '지금(또는 특정 시각)의 실제 동시접속자 수', en: 'real concurrent users now (or at a given time)' },
    example: { ko: '지금 동접 몇 명이야?', en: 'how many concurrent users right now?' },
  },
  'sessions.vs_users': {
    summary: { ko: '세션 수와 실제 동시접속자의 차이', en: 'active sessions versus real concurrent users' },
    example: {
      ko: '세션이 10만인데 실제 동시접속자는 얼마죠?',
      en: 'we have 100,000 sessions, how many real users is that?',
    },
  },
  'concurrent_users.compare': {
    summary: {
      ko: '동시접속자를 어제·지난주·작년 같은 시간과 비교',
      en: 'concurrent users compared with yesterday, last week or last year',
    },
    example: { ko: '오늘 동접 지난주 같은 요일이랑 비교해줘', en: "compare today's concurrent users with yesterday" },
  },
  'concurrent_users.trend': {
    summary: { ko: '기간별 동시접속자 추이', en: 'concurrent users over a period' },
    example: { ko: '최근 3시간 동접 추이 보여줘', en: 'show the CCU trend for the last 48 hours' },
  },
  'concurrent_users.stats': {
    summary: { ko: '기간의 최대·최소·평균 동시접속자', en: 'peak, minimum and average concurrent users of a period' },
    example: { ko: '어제 최대 동접 몇 명이었어?', en: 'what was the peak CCU yesterday?' },
  },
  'capacity.recommend': {
    summary: { ko: '예상 사용자에 필요한 서버 수', en: 'servers needed for an expected load' },
    example: { ko: '동접 10만 명이면 서버 몇 대 필요해?', en: 'how many servers do we need for 50k concurrent users?' },
  },
  'scaling.policy': {
    summary: { ko: '동시접속자 기준 오토스케일링 정책', en: 'an autoscaling policy on concurrent users' },
    example: {
      ko: '동접 1,000명을 넘으면 Pod를 2개 추가하고 500명 미만이면 1개로 줄여줘',
      en: 'scale out by 2 pods when CCU exceeds 1000 and scale in to 1 pod below 500',
    },
  },
  'seasonality.peaks': {
    summary: { ko: '사용자가 몰리는 시간대와 요일', en: 'peak hours and days' },
    example: { ko: '하루 중 피크 시간대가 언제야?', en: 'what are our peak hours?' },
  },
  'seasonality.weekday_weekend': {
    summary: { ko: '평일과 주말의 사용자 차이', en: 'weekday versus weekend usage' },
    example: { ko: '평일이랑 주말 동접 차이 알려줘', en: 'weekday vs weekend traffic' },
  },
  'seasonality.period_compare': {
    summary: { ko: '월·분기·연 단위 기간 비교', en: 'month, quarter or year comparisons' },
    example: { ko: '이번 달이랑 지난달 트래픽 비교해줘', en: 'compare this month with the same month last year' },
  },
  'servers.surge': {
    summary: { ko: '트래픽이 급증한 서버', en: 'servers whose traffic surged' },
    example: { ko: '어떤 서버가 갑자기 트래픽이 늘었어?', en: 'which server had a sudden spike in requests?' },
  },
  'rca.cpu_spike': {
    summary: { ko: 'CPU 급증의 원인이 된 요청', en: 'the requests behind a CPU spike' },
    example: { ko: 'CPU가 갑자기 튄 원인이 뭐야?', en: 'why did CPU spike at 3pm yesterday?' },
  },
  'rca.oom': {
    summary: {
      ko: 'OOM(메모리 부족)의 원인이 된 요청과 쿼리',
      en: 'the requests and queries behind an out-of-memory error',
    },
    example: { ko: 'OOM 원인 뭐야?', en: 'which query caused the OOM?' },
  },
  'report.weekly': {
    summary: { ko: '주간 리포트 (HTML, PDF, XLSX, CSV)', en: 'weekly report (HTML, PDF, XLSX, CSV)' },
    example: { ko: '지난주 주간 보고서 PDF로 줘', en: 'weekly report as excel' },
  },
  'report.monthly': {
    summary: { ko: '월간 리포트', en: 'monthly report' },
    example: { ko: '월간 리포트 만들어줘', en: 'monthly report for last month in xlsx' },
  },
  'sla.report': {
    summary: { ko: '가용성·SLA 리포트', en: 'availability and SLA report' },
    example: { ko: '지난달 가용성 몇 퍼센트였어?', en: 'uptime report for this month' },
  },
  'sessions.by_server': {
    summary: { ko: '서버별 세션 분포', en: 'sessions per server' },
    example: { ko: '서버별 세션 수 보여줘', en: 'sessions per instance' },
  },
  'users.current': {
    summary: { ko: '지금 접속 중인 사용자 목록', en: 'users online now' },
    example: { ko: '지금 접속 중인 사용자 목록 보여줘', en: 'who is online right now?' },
  },
  'users.urls': {
    summary: { ko: '특정 사용자의 요청 URL', en: "one user's requests" },
    example: { ko: '사용자 kim01이 어떤 URL 호출했어?', en: 'what pages did user alice42 visit today?' },
  },
  'users.long_sessions': {
    summary: { ko: '오래 접속해 있는 사용자', en: 'users with long sessions' },
    example: { ko: '1시간 이상 접속한 사용자 알려줘', en: 'users with sessions longer than 2 hours' },
  },
  'security.abnormal_urls': {
    summary: { ko: '비정상 URL 요청(스캔·공격 시도)', en: 'abnormal URLs (scans, attack attempts)' },
    example: { ko: '비정상적인 URL 요청 있어?', en: 'any suspicious URLs in the last 24 hours?' },
  },
  'security.login_burst': {
    summary: { ko: '로그인 시도 급증(무차별 대입 의심)', en: 'login bursts (suspected brute force)' },
    example: { ko: '로그인 시도 급증한 거 있어?', en: 'any spike in failed logins?' },
  },
};
