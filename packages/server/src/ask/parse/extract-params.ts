/**
 * Every non-time parameter a question can carry, read by context: which number is a session count
 * ("세션이 10만인데"), a user target ("10만 명이면"), a server count ("서버 4대"), a duration ("1시간
 * 이상"); instance names ("was1", "WAS2", "2번 서버"), user ids ("user123의 요청", "사용자 kim01"),
 * report formats, identification modes, steps and statistics. Numbers inside time expressions are
 * blanked out first so "3월 1일" never becomes a threshold.
 */
import { findDurations, type DurationMatch } from './duration-words.js';
import { findNumbers, type NumberMatch } from './number-words.js';
import type { QuestionParams } from './question-types.js';
import { parseScalingRule } from './scaling-rule.js';

export type CandidateParams = Omit<QuestionParams, 'at' | 'range' | 'baseline'>;

const INSTANCE = /\b(was|web|app|api|tomcat|jboss|weblogic|wls|node|srv|host|pod)[-_]?(\d{1,3})\b/g;
const ORDINAL = /(\d{1,2})\s*번\s*(?:서버|was|인스턴스|노드|머신)|\b(?:server|instance|node) ?#?(\d{1,2})\b/g;
const USER_BEFORE =
  /(?:사용자|유저|회원|고객|아이디|\buser(?: ?id)?|\buserid|\bid)\s*[:=]?\s*([a-z][a-z0-9._@-]*\d[a-z0-9._@-]*|[a-z][a-z0-9_]*_[a-z0-9_]+|[a-z][a-z0-9.]{2,})/g;
const USER_AFTER = /\b([a-z][a-z0-9._-]*\d[a-z0-9._-]*)\s*(?:의|님|사용자|유저|회원|이|가|는|'s\b)/g;
const NOT_USER_IDS = new Set([
  'with',
  'who',
  'the',
  'and',
  'for',
  'are',
  'list',
  'has',
  'have',
  'sessions',
  'session',
  'agent',
  'ids',
]);

function blank(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  const chars = [...text];
  let out = '';
  let pos = 0;
  for (const ch of chars) {
    out += spans.some((s) => pos >= s.start && pos < s.end) ? ' '.repeat(ch.length) : ch;
    pos += ch.length;
  }
  return out;
}

function instancesIn(text: string, known: readonly string[]): { instances: string[]; ordinals: number[] } {
  const found: string[] = [];
  const ordinals: number[] = [];
  const lowerKnown = known.map((k) => k.toLowerCase());
  for (const k of known) {
    const re = new RegExp(`(?<![a-z0-9])${k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`);
    if (re.test(text)) found.push(k);
  }
  for (const m of text.matchAll(INSTANCE)) {
    const name = `${m[1]}${m[2]}`;
    const exact = known.find((k) => k.toLowerCase() === m[0] || k.toLowerCase() === name);
    const byNumber = known.find(
      (k) => k.toLowerCase().startsWith(m[1]) && Number(/(\d+)$/.exec(k)?.[1]) === Number(m[2]),
    );
    const resolved = exact ?? byNumber ?? name;
    if (!found.includes(resolved)) found.push(resolved);
  }
  for (const m of text.matchAll(ORDINAL)) {
    const n = Number(m[1] ?? m[2]);
    const hits = known.filter((k) => Number(/(\d+)$/.exec(k)?.[1]) === n);
    if (hits.length === 1) {
      if (!found.includes(hits[0])) found.push(hits[0]);
    } else if (lowerKnown.length >= n && hits.length === 0) {
      found.push(known[n - 1]);
    } else ordinals.push(n);
  }
  return { instances: found, ordinals };
}

function userIdIn(text: string, instances: readonly string[]): string | undefined {
  const isInstance = (id: string): boolean =>
    instances.some((i) => i.toLowerCase() === id) || /^(was|web|app|api|node|pod)\d+$/.test(id);
  for (const re of [USER_BEFORE, USER_AFTER]) {
    for (const m of text.matchAll(re)) {
      const id = m[1].replace(/[.,]+$/, '');
      if (!NOT_USER_IDS.has(id) && !isInstance(id) && !/^(ccu|cpu|oom|was|url|ip)$/.test(id)) return id;
    }
  }
  return undefined;
}

function numberNear(text: string, nums: NumberMatch[], after: RegExp, before?: RegExp): number | undefined {
  for (const n of nums) {
    if (after.test(text.slice(n.end)) || (before && before.test(text.slice(0, n.start)))) return n.value;
  }
  return undefined;
}

// A duration is a lower bound on session length when a bound word sits next to it: "두 시간 이상",
// "1시간 반 넘게", "최소 30분", "more than 90 minutes", "at least an hour", "2h or longer".
const BOUND_AFTER_KO = /^\s?(이|가|을|를)?\s?(이상|넘|초과|동안\s?(이상|넘)|보다\s?(오래|길|더|많이)|째)/;
const BOUND_BEFORE_KO = /(최소|적어도|최소한)\s?$/;
const BOUND_BEFORE_EN =
  /(longer than|more than|over|at least|exceeding|in excess of|upwards of|greater than|>=?|≥)\s*(for\s)?$/;
const BOUND_AFTER_EN = /^\s*(or (more|longer|over|above)|\+|plus\b|and (up|over|longer|more)\b)/;

function durationBound(text: string, durations: readonly DurationMatch[]): number | undefined {
  for (const d of durations) {
    const before = text.slice(0, d.start);
    const after = text.slice(d.end);
    const bounded =
      BOUND_AFTER_KO.test(after) ||
      BOUND_BEFORE_KO.test(before) ||
      BOUND_BEFORE_EN.test(before) ||
      BOUND_AFTER_EN.test(after);
    if (bounded && d.ms > 0) return d.ms;
  }
  return undefined;
}

function formatIn(text: string): CandidateParams['format'] {
  if (/\bpdf\b|pdf/.test(text)) return 'pdf';
  if (/xlsx|\bxls\b|spreadsheet|스프레드시트/.test(text)) return 'xlsx';
  if (/\bcsv\b|csv/.test(text)) return 'csv';
  if (/\bhtml\b|html|웹 ?페이지/.test(text)) return 'html';
  return undefined;
}

const MODE_CUES: ReadonlyArray<readonly [NonNullable<CandidateParams['mode']>, RegExp]> = [
  ['ip', /(ip|아이피)\s*(기준|별로|모드|로 ?세|단위)|by ip\b|ip mode|ip-based|ip address(es)? (mode|basis)/],
  ['cookie', /(쿠키)\s*(기준|모드|로)|by cookie|cookie mode|visitor cookie/],
  [
    'user',
    /(로그인|인증|사용자 ?id|user ?id|아이디|유저|사용자)\s*(기준|모드)|by user ?id|authenticated users?|user mode/,
  ],
  ['session', /세션\s*(기준|모드)|by session\b|session mode/],
];
// Bare mode words, only trusted when two or more appear together ("ip vs cookie").
const BARE_MODE: ReadonlyArray<readonly [NonNullable<CandidateParams['mode']>, RegExp]> = [
  ['ip', /\bip\b|아이피/],
  ['cookie', /쿠키|\bcookies?\b/],
  ['user', /로그인 ?사용자|user ?ids?\b|인증 ?사용자|logged-in users/],
];

/** The identification modes named: one selects `mode`; two or more ask for them side by side. */
function modesIn(text: string): Array<NonNullable<CandidateParams['mode']>> {
  const explicit = MODE_CUES.filter(([, re]) => re.test(text)).map(([m]) => m);
  const bare = BARE_MODE.filter(([, re]) => re.test(text)).map(([m]) => m);
  const all = [...new Set([...explicit, ...(bare.length >= 2 || explicit.length >= 1 ? bare : [])])];
  return explicit.length === 0 && bare.length < 2 ? [] : all;
}

function stepIn(text: string): CandidateParams['step'] {
  if (/2\s*초|2 ?s(ec(ond)?s?)?\b/.test(text)) return '2s';
  if (/(^|[^\d])5\s*분\s*(단위|간격|별|마다)|5[- ]?min(ute)?s?\b|every 5 minutes/.test(text)) return '5m';
  if (/(^|[^\d])1?\s*분\s*(단위|간격|별|마다)|분당|per minute|every minute|by minute|minutely/.test(text)) return '1m';
  if (/시간\s*(단위|간격|별|마다)|시간대별|hourly|per hour|by hour|every hour/.test(text)) return '1h';
  if (/일\s*(단위|별|마다)|하루 ?단위|daily|per day|by day|day by day/.test(text)) return '1d';
  return undefined;
}

function statIn(text: string): CandidateParams['stat'] {
  const found = new Set<NonNullable<CandidateParams['stat']>>();
  if (/최대|최고|제일 많|가장 많|max|maximum|peak|피크|highest/.test(text)) found.add('max');
  if (/최소|최저|제일 적|가장 적|\bmin\b|minimum|lowest/.test(text)) found.add('min');
  if (/평균|average|\bavg\b|\bmean\b/.test(text)) found.add('avg');
  if (/p95|95\s*(퍼센타일|percentile|%)/.test(text)) found.add('p95');
  return found.size === 1 ? [...found][0] : undefined;
}

/** All candidate parameters; the resolver keeps those the chosen intent takes. */
export function extractParams(
  text: string,
  timeSpans: ReadonlyArray<{ start: number; end: number }>,
  knownInstances: readonly string[],
): CandidateParams {
  const plain = blank(text, timeSpans);
  const { instances, ordinals } = instancesIn(plain, knownInstances);
  // A number followed by a duration unit is a duration, never a threshold, a server count or a target:
  // the durations are read first and blanked out of the text the other readers see.
  const durations = findDurations(plain);
  const countable = blank(plain, durations);
  const nums = findNumbers(countable.replace(INSTANCE, (m) => ' '.repeat(m.length)));
  const out: CandidateParams = {};
  if (instances.length) out.instances = instances;
  if (ordinals.length) out.instanceOrdinals = ordinals;
  const userId = userIdIn(plain, instances);
  if (userId) out.userId = userId;
  const sessions = numberNear(
    plain,
    nums,
    /^\s*(개(의)?\s*)?(active\s*)?(sessions?|세션)/,
    // "session count says 30k", "세션 수가 3만": a verb of reading may sit between the noun and the number.
    /(세션|sessions?)\s*(수|카운트|count)?\s*(이|가|은|는|:|=|is|are|of|says|shows|reads|at)?\s*(약|about|around)?\s*$/,
  );
  if (sessions !== undefined) out.sessions = sessions;
  const target = numberNear(
    plain,
    nums.filter((n) => n.value !== sessions),
    /^\s*(명|users?\b|concurrent|ccu|people|visitors|동시|동접)/,
    /(동접|동시접속자?|동시 ?사용자|ccu)\s*(수|가|이)?\s*$/,
  );
  if (target !== undefined) out.targetUsers = target;
  const servers = numberNear(
    plain,
    nums,
    /^\s*(대(?!로)|servers?\b|instances?\b|was\b|nodes?\b)/,
    /(서버|was|인스턴스|노드)\s*(가|를|는|은)?\s*$/,
  );
  if (servers !== undefined && Number.isInteger(servers) && servers > 0 && servers < 10_000) out.servers = servers;
  const minDurationMs = durationBound(plain, durations);
  if (minDurationMs) out.minDurationMs = minDurationMs;
  const format = formatIn(plain);
  if (format) out.format = format;
  const modes = modesIn(plain);
  if (modes.length === 1) out.mode = modes[0];
  if (modes.length >= 2) out.modes = modes;
  const step = stepIn(text);
  if (step) out.step = step;
  const stat = statIn(text);
  if (stat) out.stat = stat;
  const scaling = parseScalingRule(countable);
  if (scaling) out.scaling = scaling;
  return out;
}
