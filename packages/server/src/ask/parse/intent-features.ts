/**
 * The weighted cues of each intent. A cue is a pattern with a weight; negative weights are the cues
 * that rule an intent out ("CPU" rules out a plain traffic surge). Korean patterns are written
 * without spaces because they run on the space-free copy of the question as well as the spaced one;
 * English patterns use word boundaries on the spaced text. The weights were set by reading questions,
 * and are measured on the labelled set in `testset.ts` and the held-out set.
 */
import type { IntentName } from './question-types.js';

export interface Cue {
  re: RegExp;
  w: number;
}

// Shared vocabulary.
const CCU = String.raw`(동접|동시접속|동시사용자|동시이용자|ccu|concurrent|concurrency|접속자|online users|users (are )?online)`;
const USERS = String.raw`(사용자|유저|이용자|접속자|사람|방문자|인원|고객|손님|회원|\busers?\b|people|visitors|folks|persons|customers|members|shoppers|players|humans)`;
const NOW = String.raw`(지금|현재|실시간|현시점|이순간|방금|\bnow\b|right now|currently|\bcurrent\b|at the moment|at this moment|as we speak|presently|live\b)`;
const HOW_MANY = String.raw`(몇명|몇 명|몇분|얼마|how many|\bcount\b|수는|수\b|숫자)`;
const CAUSE = String.raw`(원인|이유|왜|why|cause|caused|분석|찾아|root cause|\brca\b|때문)`;
const SPIKE = String.raw`(급증|폭증|급등|갑자기|튄|튀|치솟|과부하|spike|spiked|surge|sudden|jump|burst|폭주|몰리|몰린|몰려|늘었|뛰었|hammered|slammed|swamped|flooded|overloaded|getting hit|pounded)`;
const SERVER = String.raw`(서버|was|인스턴스|노드|호스트|장비|\bservers?\b|\binstances?\b|\bnodes?\b|\bhosts?\b|\bmachines?\b|\bboxes\b)`;
/** Being present on the service: "on the site", "접속해 있", "붙어 있". */
const PRESENT = String.raw`(들어와있|들어와 있|접속해있|접속해 있|붙어있|붙어 있|접속중|접속 중|online|on the (site|service|app|website|system|platform)|logged on|connected)`;
/** One server against another: a distribution, not a total. */
const PER_SERVER = String.raw`(서버별|was별|인스턴스별|노드별|호스트별|(서버|was|인스턴스|노드)(마다|당)|각(서버|was|인스턴스|노드)|per (instance|server|was|node|host)|by (server|instance|was|node|host)|each (server|instance|was|node|host)|(across|among|between|over) (the |all |our |both )?(was|servers?|instances?|nodes?|hosts?|machines?)|분포|분산|쏠려|쏠림|고르게|골고루|distributed|distribution|spread|split|balanced|breakdown|broken down)`;
const REPORT = String.raw`(리포트|보고서|보고|\breports?\b)`;
const COMPARE = String.raw`(비교|대비|보다|\bvs\b|versus|compare|compared|\bthan\b|증가율|감소율|늘었|줄었|차이|growth)`;

const cue = (pattern: string, w: number): Cue => ({ re: new RegExp(pattern), w });

export const INTENT_CUES: Record<Exclude<IntentName, 'unknown'>, readonly Cue[]> = {
  'concurrent_users.now': [
    cue(CCU, 2),
    cue(NOW, 1),
    cue(HOW_MANY, 1),
    cue(PRESENT, 1),
    // "how many folks are on the site": a head count of people in the present tense.
    cue(String.raw`how many ${USERS} (are|is)\b|몇 ?명(이|있|접속|들어|붙)|${USERS}.{0,6}(몇 ?명|얼마나)`, 1),
    cue(String.raw`(알려|보여|몇|얼마|\?)`, 0.6),
    // A planned load ("for 5000 users", "3만명 받으려면") is a capacity question, not the live count.
    cue(String.raw`(enough|sufficient|충분|감당|버틸|버티|받으려면|견디|handle|cope)`, -1.5),
    cue(PER_SERVER, -1),
    cue(String.raw`(목록|리스트|명단|누가|누구|\bwho\b|\blist\b|아이디)`, -3),
    cue(String.raw`(추이|추세|그래프|trend|over time)`, -2),
    // A past period means a statistic or a comparison, not the live figure.
    cue(String.raw`(어제|그저께|지난|작년|yesterday|last (week|month|year)|\bwas\b|었|였)`, -1.5),
  ],
  'sessions.vs_users': [
    cue(String.raw`(세션|sessions?)`, 1.5),
    cue(String.raw`(실제|진짜|실사용자|actually|\breal\b|actual|실제로)`, 2),
    cue(String.raw`(차이|비율|대비|\bvs\b|versus|\bgap\b|다른|ratio|중에|인데|but)`, 1),
    cue(`${CCU}|${USERS}`, 1),
    cue(PER_SERVER, -4),
  ],
  'concurrent_users.compare': [
    cue(COMPARE, 2.5),
    cue(`${CCU}|${USERS}`, 1),
    cue(String.raw`(많아|적어|많았|적었|more|fewer|less)`, 0.5),
    cue(String.raw`(세션|sessions?)`, -1),
    cue(String.raw`(주말|평일|weekends?|weekdays?)`, -2),
    cue(String.raw`(분기|월별|계절|시즌|방학|연말|명절|quarter|month over month|year over year|yoy|mom)`, -2),
  ],
  'concurrent_users.trend': [
    cue(
      String.raw`(추이|추세|트렌드|trend|흐름|변화|그래프|차트|chart|graph|\bplot\b|over time|시계열|timeline|시간별|추이를)`,
      3,
    ),
    cue(CCU, 1),
    cue(COMPARE, -1),
  ],
  'concurrent_users.stats': [
    cue(
      String.raw`(최대|최고|최소|최저|평균|통계|\bmax\b|maximum|\bmin\b|minimum|average|\bavg\b|stats|statistics|p95|highest|lowest)`,
      2.5,
    ),
    cue(String.raw`(\bpeak\b|피크)`, 1),
    cue(CCU, 1),
    cue(String.raw`(시간대|몇시|hours\b|time of day|요일별|무슨요일|어느요일)`, -2),
    // "during the day", "usually": a profile of the day, not one period's figure.
    cue(
      String.raw`((during|of|in) the day|하루 ?중|하루 ?동안 ?보통|usually|typically|normally|보통|평소|대체로|주로|일반적으로)`,
      -1.5,
    ),
    // "지난주 최대 동접은 언제였어?" asks when the maximum was: a statistic with its time, not a profile.
    cue(String.raw`(언제|\bwhen\b)`, -0.5),
  ],
  'capacity.recommend': [
    cue(
      String.raw`(몇대|몇 대|how many servers|증설|충분|버틸|버티|감당|capacity|용량|need more servers|more servers|서버추가|provision|인스턴스몇개|몇개필요|sizing)`,
      3,
    ),
    cue(String.raw`(필요|need|enough|handle|수용)`, 1),
    cue(SERVER, 0.5),
    // "enough servers", "servers … enough", "can we handle 5000": sizing in any word order.
    cue(
      String.raw`((enough|sufficient|adequate|plenty of) (servers?|capacity|instances|nodes|machines|hardware|headroom|resources)|(servers?|instances|nodes|fleet|capacity|hardware) .*(enough|sufficient|adequate|keep up|hold up|cope)|can (we|it|they) (handle|take|cope with|support|sustain)|headroom|scale up to|서버.*(부족|모자라|모자랄|더 있어야|더있어야|늘려야|추가해야)|(부족|모자라|모자랄|늘려야).*서버|받으려면|견디려면|견딜)`,
      2.5,
    ),
    cue(String.raw`(파드|\bpods?\b|hpa|오토스케일|autoscal|스케일링|scale (out|in))`, -2.5),
  ],
  'scaling.policy': [
    cue(
      String.raw`(hpa|오토스케일|autoscal|스케일링|scale out|scale in|scale-out|scale-in|스케일아웃|스케일인|keda|파드|\bpods?\b|replicas?)`,
      3,
    ),
    cue(String.raw`(정책|규칙|rule|policy|설정|configure)`, 1),
  ],
  'seasonality.peaks': [
    cue(
      String.raw`(피크시간|피크타임|피크 시간|peak hours?|peak time|busiest|가장많이몰리|제일많이몰리|몰리는시간|붐비|붐벼|time of day|몇시에|요일별|시간대)`,
      3,
    ),
    cue(String.raw`(피크|\bpeak\b|제일많|가장많|언제)`, 1),
    // "when is traffic at its highest during the day": when + a superlative, about the usual day.
    cue(
      String.raw`(\bwhen\b|what time|which hours?|at what hour|몇 ?시|언제|시간이).*(highest|most|busiest|heaviest|peak|maximum|제일|가장|최고|최대|많)|(highest|most|busiest|heaviest|peak).*(\bwhen\b|what time|which hours?|of the day)`,
      1.5,
    ),
    cue(
      String.raw`((during|of|in) the day|하루 ?중|usually|typically|normally|보통|평소|대체로|주로|일반적으로|매일)`,
      1,
    ),
    cue(String.raw`(평일|주말|weekend|weekday)`, -2),
  ],
  'seasonality.weekday_weekend': [
    cue(String.raw`(주말|평일|weekends?|weekdays?|토요일|일요일|saturday|sunday)`, 3),
    cue(String.raw`(주말|weekend).*(평일|weekday)|(평일|weekday).*(주말|weekend)`, 1),
  ],
  'seasonality.period_compare': [
    cue(
      String.raw`(분기|월별|계절|시즌|방학|연말|명절|성수기|비수기|quarter|month over month|year over year|yoy|\bmom\b|seasonal)`,
      3,
    ),
    cue(COMPARE, 1),
    cue(String.raw`(지난달|이번달|작년|올해|last month|this month|last year|this year|same month)`, 0.5),
  ],
  'servers.surge': [
    cue(SPIKE, 2),
    cue(SERVER, 1.5),
    cue(String.raw`(트래픽|요청|접속|traffic|requests?|load|부하)`, 1),
    cue(
      String.raw`(어떤서버|어느서버|어떤was|어느was|어떤인스턴스|어느인스턴스|어느노드|which (server|instance|was|node|host|machine)|서버어디|어디야)`,
      1,
    ),
    cue(String.raw`(cpu|씨피유|메모리|memory|oom|heap|힙)`, -4),
    cue(String.raw`(로그인|login|log-in|sign-in)`, -4),
  ],
  'rca.cpu_spike': [
    cue(String.raw`(cpu|processor|프로세서)`, 3.5),
    cue(CAUSE, 1),
    cue(SPIKE, 0.5),
    cue(String.raw`(높아|high|100%|사용률|usage)`, 0.5),
  ],
  'rca.oom': [
    cue(
      String.raw`(oom|outofmemory|out of memory|메모리부족|메모리 부족|힙|heap|메모리누수|memory leak|메모리터|메모리 터|gc overhead|메모리)`,
      3.5,
    ),
    cue(CAUSE, 1),
    cue(String.raw`(죽|다운|재시작|restart|crash|killed|터)`, 0.5),
  ],
  'report.weekly': [
    cue(String.raw`(주간|weekly|주보|주간보고)`, 3),
    cue(String.raw`(이번주|지난주|this week|last week)`, 1),
    cue(REPORT, 1.5),
    cue(String.raw`(sla|slo|가용성|availability|uptime)`, -3),
  ],
  'report.monthly': [
    cue(String.raw`(월간|monthly|월보고|월 보고|월례|\d+월)`, 3),
    cue(String.raw`(이번달|지난달|this month|last month)`, 1),
    cue(REPORT, 1.5),
    cue(String.raw`(sla|slo|가용성|availability|uptime)`, -3),
  ],
  'sla.report': [
    cue(String.raw`(sla|slo|가용성|가용률|가동률|availability|uptime|업타임|error budget|에러버짓)`, 4),
    cue(REPORT, 0.5),
  ],
  'sessions.by_server': [
    cue(String.raw`(세션|sessions?)`, 2),
    cue(PER_SERVER, 3),
    cue(String.raw`(\bwas\d|\bweb\d|\bapp\d|\bnode\d)`, 0.5),
  ],
  'users.current': [
    cue(String.raw`(목록|리스트|명단|\blist\b|아이디|ids\b|누가|누구|\bwho\b.*(online|logged|접속|connected))`, 3),
    cue(`${NOW}|(접속중|접속 중|접속해|online|logged in|로그인한|들어와)`, 1),
    // "접속한 사용자 보여줘": showing the people themselves is a list, not a head count.
    cue(String.raw`(사용자|유저|사람)들?(좀|을|를)?(보여|뽑아|나열)|show (me )?(the )?(users|people)\b`, 2),
    cue(USERS, 0.5),
    cue(String.raw`(요청|url|페이지|화면|호출|pages?|visit|history|내역)`, -2),
    cue(String.raw`(오래|장시간|long|종일|넘게|이상|over \d|more than)`, -2.5),
  ],
  'users.urls': [
    cue(
      String.raw`(\burls?\b|요청|페이지|화면|호출|\brequests?\b|visit|visited|pages|history|내역|이력|경로|api 호출|endpoint)`,
      2,
    ),
    cue(String.raw`(비정상|이상한|suspicious|abnormal|공격|attack|스캔)`, -3),
  ],
  'users.long_sessions': [
    cue(String.raw`(오래|장시간|long|longer|하루종일|종일|logged in for|머문|머물|체류|stayed)`, 3),
    cue(String.raw`(세션|sessions?|접속|사용자|users?)`, 1),
  ],
  'security.abnormal_urls': [
    cue(
      String.raw`(비정상|이상한|이상 url|이상url|suspicious|abnormal|스캔|\bscan|공격|attack|인젝션|injection|passwd|traversal|\.\./|관리자페이지|관리자 페이지|admin|악성|malicious|취약점|exploit|웹쉘|webshell|404)`,
      3,
    ),
    cue(String.raw`(\burls?\b|경로|요청|paths?\b|requests?|페이지|시도)`, 1),
    cue(String.raw`(로그인|login|무차별|brute)`, -2),
  ],
  'security.login_burst': [
    cue(String.raw`(로그인|login|log-in|sign-in|signin|인증)`, 2),
    cue(String.raw`(급증|폭주|많아|spike|burst|brute|무차별|실패|failed|failures?|stuffing|대입|시도|attempts?)`, 2),
    cue(String.raw`(brute force|무차별 ?대입|credential stuffing|크리덴셜|계정 ?탈취)`, 2),
    cue(String.raw`(hammer|flood|쏟아|한 ?ip|같은 ?ip|one ip|single ip|same ip)`, 2),
  ],
};

/** Questions that are attacks on the engine rather than questions: always `unknown`. */
export const INJECTION_CUES: readonly RegExp[] = [
  /ignore (all |any |the )?(previous|prior|above|earlier) (instructions?|prompts?|rules?)/,
  /(이전|앞의|위의|기존)\s*(지시|명령|지침|프롬프트|규칙).*(무시|잊)/,
  /system prompt|시스템\s*프롬프트|developer message/,
  /(print|reveal|show|dump|leak|출력|보여).*(secrets?|api[ _-]?keys?|passwords?|tokens?|credentials?|비밀|시크릿|키)/,
  /\bdrop\s+table\b|\bunion\s+select\b|\bor\s+1\s*=\s*1\b|;\s*--|<script|\bexec\s*\(|\bdelete\s+from\b/,
  /jailbreak|\bdan mode\b|act as|pretend (to be|you are)/,
];

/** Topics outside what the data can answer; they only push towards `unknown`, never force it. */
export const OUT_OF_SCOPE_CUES: readonly RegExp[] = [
  /날씨|\bweather\b|뭐 ?먹|메뉴|\blunch\b|\bdinner\b|\brecipes?\b|레시피|\bpoems?\b|노래|\bsongs?\b|\bjokes?\b|농담|비트코인|bitcoin|주식|stock price|환율|world cup|월드컵|\btranslate\b|번역|소설|\bstory\b/,
];
