// Korean and English UI text. The language follows the browser (navigator.languages) unless the
// operator picked one, which is remembered in localStorage; `applyI18n` rewrites every element
// marked with data-i18n / data-i18n-placeholder / data-i18n-aria-label.

/** @typedef {'ko'|'en'} Lang */

const TEXT = {
  en: {
    skip: 'Skip to content',
    subtitle: 'real concurrent users',
    reports: 'Reports',
    'report.weekly': 'Weekly',
    'report.monthly': 'Monthly',
    'report.sla': 'SLA',
    language: 'Language',
    views: 'Views',
    'tab.live': 'Live',
    'tab.history': 'History',
    'tab.ask': 'Ask',
    'tab.sessions': 'Sessions',
    'kpi.ccu': 'Concurrent users',
    'kpi.sessions': 'Active sessions',
    'kpi.tps': 'Transactions/s (10 s)',
    'kpi.errors': 'Errors/s (10 s)',
    'kpi.p95': 'p95 latency (10 s)',
    'live.chart': 'Concurrent users (band: sketch error) and active sessions, last minutes',
    'live.instances': 'Per instance',
    'live.connecting': 'Connecting to the live stream…',
    'live.connected': 'Live: updated every {s} s',
    'live.lost': 'Live stream lost; reconnecting…',
    'live.band': '±{band} (range {low}–{high})',
    'live.gap': '{gap} more sessions than users ({ratio}× users)',
    'live.gapNeg': '{gap} fewer sessions than users (sessions not reported by every instance?)',
    'live.gapNone': 'no session source reports',
    'live.mode': 'user key: {mode}, window {w} s',
    'live.total': 'all instances',
    'live.otherMode': 'by {mode}: {value}',
    'col.instance': 'Instance',
    'col.ccu': 'CCU',
    'col.band': 'Error band',
    'col.sessions': 'Sessions',
    'col.tps': 'Tx/s',
    'col.eps': 'Errors/s',
    'col.p95': 'p95 ms',
    'col.cpu': 'CPU',
    'col.memory': 'Memory',
    'col.user': 'User',
    'col.client': 'Client',
    'col.first': 'First seen',
    'col.last': 'Last seen',
    'col.duration': 'Duration',
    'col.requests': 'Requests',
    'col.state': 'State',
    'col.time': 'Time',
    'col.method': 'Method',
    'col.url': 'URL',
    'col.status': 'Status',
    'col.durationMs': 'ms',
    'h.metric': 'Metric',
    'h.range': 'Range',
    'h.step': 'Step',
    'h.overlay': 'Overlay',
    'h.forecast': 'Forecast',
    'h.anomalies': 'Anomalies',
    'h.show': 'Show',
    'h.chart': 'History',
    'h.heatmap': 'Seasonality: average by hour and weekday (last 8 weeks)',
    'h.loading': 'Loading…',
    'h.summary': '{n} points at step {step}',
    'h.anomalyCount': '{n} anomalies marked',
    'h.stepAdjusted': 'the chosen step gives too many points for this range; showing {step}',
    'h.forecastNote': 'forecast: next {n} steps, {c} % band',
    'h.noForecast': 'no forecast ({why})',
    'metric.ccu': 'Concurrent users',
    'metric.sessions': 'Active sessions',
    'metric.transactions': 'Transactions',
    'metric.errors': 'Errors',
    'metric.visitors': 'Unique visitors',
    'metric.cpu': 'CPU',
    'metric.memory': 'Memory',
    'range.24h': '24 hours',
    'range.7d': '7 days',
    'range.30d': '30 days',
    'range.13mo': '13 months',
    'step.auto': 'Auto',
    'overlay.none': 'None',
    'overlay.week': 'Last week',
    'overlay.year': 'Last year',
    'series.value': 'Value',
    'series.band': 'Error band',
    'series.forecast': 'Forecast',
    'series.forecastBand': 'Forecast band',
    'series.anomaly': 'Anomaly',
    'series.overlayWeek': 'Last week',
    'series.overlayYear': 'Last year',
    'series.ccu': 'CCU',
    'series.sessions': 'Active sessions',
    weekdays: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
    'ask.label': 'Ask a question in Korean or English',
    'ask.placeholder': 'e.g. how many concurrent users right now?',
    'ask.submit': 'Ask',
    'ask.examples': 'Examples',
    'ask.chart': 'Answer chart',
    'ask.table': 'Answer data',
    'ask.evidence': 'Evidence',
    'ask.caveats': 'Caveats',
    'ask.thinking': 'Answering…',
    'ask.intent': 'intent {intent}, confidence {c}',
    'ask.examplesList': [
      'how many concurrent users right now?',
      'show the CCU trend for the last 48 hours',
      'what was the peak CCU yesterday?',
      'weekday vs weekend traffic',
      'how many servers do we need for 50k concurrent users?',
      'users with sessions longer than 2 hours',
    ],
    's.view': 'Show',
    's.active': 'Logged-in users now',
    's.longest': 'Longest sessions (24 h)',
    's.masked': 'Personal data (e-mail, phone, client address…) is masked in this view.',
    's.summary': '{users} logged-in users, {anon} anonymous sessions ({scanned} sessions read)',
    's.requestsOf': 'Requests of {user} (24 h)',
    's.showRequests': 'Show requests of {user}',
    's.none': 'No sessions in this view.',
    'state.active': 'active',
    'state.idle': 'idle',
    'state.ended': 'ended',
    error: 'Error: {message}',
    'footer.api': 'Same data for other tools:',
  },
  ko: {
    skip: '본문으로 건너뛰기',
    subtitle: '실제 동시 사용자',
    reports: '보고서',
    'report.weekly': '주간',
    'report.monthly': '월간',
    'report.sla': 'SLA',
    language: '언어',
    views: '화면',
    'tab.live': '실시간',
    'tab.history': '추이',
    'tab.ask': '질문',
    'tab.sessions': '세션',
    'kpi.ccu': '동시 사용자',
    'kpi.sessions': '활성 세션',
    'kpi.tps': '초당 트랜잭션 (10초)',
    'kpi.errors': '초당 오류 (10초)',
    'kpi.p95': 'p95 응답 시간 (10초)',
    'live.chart': '동시 사용자(띠: 스케치 오차)와 활성 세션, 최근 몇 분',
    'live.instances': '인스턴스별',
    'live.connecting': '실시간 스트림에 연결하는 중…',
    'live.connected': '실시간: {s}초마다 갱신',
    'live.lost': '실시간 스트림이 끊겼습니다. 다시 연결하는 중…',
    'live.band': '±{band} (범위 {low}–{high})',
    'live.gap': '세션이 사용자보다 {gap}개 많음 (사용자의 {ratio}배)',
    'live.gapNeg': '세션이 사용자보다 {gap}개 적음 (일부 인스턴스가 세션 수를 보고하지 않음?)',
    'live.gapNone': '세션 수를 보고하는 곳이 없음',
    'live.mode': '사용자 식별: {mode}, 활성 창 {w}초',
    'live.total': '전체 인스턴스',
    'live.otherMode': '{mode} 기준: {value}',
    'col.instance': '인스턴스',
    'col.ccu': '동접',
    'col.band': '오차 범위',
    'col.sessions': '세션',
    'col.tps': '초당 건수',
    'col.eps': '초당 오류',
    'col.p95': 'p95 ms',
    'col.cpu': 'CPU',
    'col.memory': '메모리',
    'col.user': '사용자',
    'col.client': '클라이언트',
    'col.first': '처음 접속',
    'col.last': '마지막 접속',
    'col.duration': '접속 시간',
    'col.requests': '요청 수',
    'col.state': '상태',
    'col.time': '시각',
    'col.method': '메서드',
    'col.url': 'URL',
    'col.status': '상태 코드',
    'col.durationMs': 'ms',
    'h.metric': '지표',
    'h.range': '기간',
    'h.step': '간격',
    'h.overlay': '겹쳐 보기',
    'h.forecast': '예측',
    'h.anomalies': '이상 징후',
    'h.show': '보기',
    'h.chart': '추이',
    'h.heatmap': '계절성: 요일·시간대별 평균 (최근 8주)',
    'h.loading': '불러오는 중…',
    'h.summary': '{step} 간격 {n}개 지점',
    'h.anomalyCount': '이상 징후 {n}건 표시',
    'h.stepAdjusted': '선택한 간격은 이 기간에 지점이 너무 많아 {step} 간격으로 표시',
    'h.forecastNote': '예측: 다음 {n}구간, {c}% 범위',
    'h.noForecast': '예측 없음 ({why})',
    'metric.ccu': '동시 사용자',
    'metric.sessions': '활성 세션',
    'metric.transactions': '트랜잭션',
    'metric.errors': '오류',
    'metric.visitors': '순 방문자',
    'metric.cpu': 'CPU',
    'metric.memory': '메모리',
    'range.24h': '24시간',
    'range.7d': '7일',
    'range.30d': '30일',
    'range.13mo': '13개월',
    'step.auto': '자동',
    'overlay.none': '없음',
    'overlay.week': '지난주',
    'overlay.year': '작년',
    'series.value': '값',
    'series.band': '오차 범위',
    'series.forecast': '예측',
    'series.forecastBand': '예측 범위',
    'series.anomaly': '이상 징후',
    'series.overlayWeek': '지난주',
    'series.overlayYear': '작년',
    'series.ccu': '동접',
    'series.sessions': '활성 세션',
    weekdays: '월,화,수,목,금,토,일',
    'ask.label': '한국어나 영어로 질문하세요',
    'ask.placeholder': '예: 지금 동접 몇 명이야?',
    'ask.submit': '질문',
    'ask.examples': '예시 질문',
    'ask.chart': '답변 차트',
    'ask.table': '답변 데이터',
    'ask.evidence': '근거',
    'ask.caveats': '주의 사항',
    'ask.thinking': '답을 찾는 중…',
    'ask.intent': '의도 {intent}, 확신도 {c}',
    'ask.examplesList': [
      '지금 동접 몇 명이야?',
      '최근 3시간 동접 추이 보여줘',
      '어제 최대 동접 몇 명이었어?',
      '평일이랑 주말 동접 차이 알려줘',
      '동접 10만 명이면 서버 몇 대 필요해?',
      '1시간 이상 접속한 사용자 알려줘',
    ],
    's.view': '보기',
    's.active': '지금 로그인한 사용자',
    's.longest': '가장 긴 세션 (24시간)',
    's.masked': '이 화면에서는 개인정보(이메일, 전화번호, 클라이언트 주소 등)가 가려집니다.',
    's.summary': '로그인 사용자 {users}명, 익명 세션 {anon}개 (세션 {scanned}개 조회)',
    's.requestsOf': '{user}의 요청 (24시간)',
    's.showRequests': '{user}의 요청 보기',
    's.none': '표시할 세션이 없습니다.',
    'state.active': '활성',
    'state.idle': '유휴',
    'state.ended': '종료',
    error: '오류: {message}',
    'footer.api': '다른 도구용 같은 데이터:',
  },
};

const STORAGE_KEY = 'promptops.lang';
/** @type {Lang} */
let current = initialLang();
const listeners = new Set();

/** @returns {Lang} */
function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ko' || saved === 'en') return saved;
  } catch {
    // Storage can be disabled; the browser's language still applies.
  }
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const base = String(l).toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/** BCP 47 locale for number and date formatting. */
export function locale() {
  return current === 'ko' ? 'ko-KR' : 'en-US';
}

/**
 * Text for `key` with {placeholders} filled in.
 * @param {string} key
 * @param {Record<string, string|number>} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  const value = TEXT[current][key] ?? TEXT.en[key] ?? key;
  const text = Array.isArray(value) ? value.join('\n') : String(value);
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

/** @param {string} key @returns {string[]} */
export function list(key) {
  const value = TEXT[current][key] ?? TEXT.en[key];
  return Array.isArray(value) ? value : [];
}

/** @param {(lang: Lang) => void} fn */
export function onLangChange(fn) {
  listeners.add(fn);
}

/** @param {Lang} next */
export function setLang(next) {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered across visits; still switched for this one.
  }
  applyI18n();
  for (const fn of listeners) fn(next);
}

export function applyI18n() {
  document.documentElement.lang = current;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder')));
  for (const el of document.querySelectorAll('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label')));
  for (const b of document.querySelectorAll('[data-lang]'))
    b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === current));
  for (const a of document.querySelectorAll('[data-report]'))
    a.setAttribute('href', `/api/v1/reports/${a.getAttribute('data-report')}?format=html&lang=${current}`);
  document.title = current === 'ko' ? 'PromptOps 대시보드' : 'PromptOps dashboard';
}
