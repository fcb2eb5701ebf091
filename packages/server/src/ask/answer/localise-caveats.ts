/**
 * Korean wording of the tools' fixed caveats. Tools speak English (their results also go to MCP
 * clients and `/api/v1/tools`, where English is the lingua franca); an answer to a Korean question
 * shows every caveat in Korean. Each entry matches one caveat a tool writes — anchored, with the
 * variable parts captured — so a caveat never gets a wrong translation; one not listed stays as
 * written rather than being guessed at.
 */
import type { Lang } from '../parse/index.js';

type Rule = readonly [RegExp, (m: RegExpMatchArray) => string];

const KO: readonly Rule[] = [
  [
    /^mode ip: users behind one NAT address count once/,
    () => '모드 ip: 같은 NAT 주소 뒤의 사용자는 한 명으로 세므로 사무실·이동통신망 사용자는 적게 잡힙니다',
  ],
  [
    /^mode session: expired and re-created sessions count again/,
    () => '모드 session: 만료 후 다시 만든 세션을 또 세므로 세션 교체가 잦으면 많게 잡힙니다',
  ],
  [
    /^mode cookie: browsers that refuse the visitor cookie/,
    () => '모드 cookie: 방문자 쿠키를 거부한 브라우저는 세지 않습니다',
  ],
  [
    /^mode user: only signed-in users are counted/,
    () => '모드 user: 로그인한 사용자만 셉니다 (익명 방문자와 봇은 제외)',
  ],
  [
    /^forecast: next 7 days of hourly peaks \(Holt-Winters with seasonal naive\), 95 % interval$/,
    () => '예측: 다음 7일의 시간별 피크 (Holt-Winters와 계절 나이브 결합), 95 % 구간',
  ],
  [
    /^not enough regular history for a forecast: planned on the observed peak$/,
    () => '예측에 필요한 규칙적인 이력이 부족해 관측된 피크로 계획했습니다',
  ],
  [
    /^capacity per server learnt from history \((\w+), (\w+)\): set it in the configuration to override$/,
    (m) =>
      `서버 1대 용량은 이력에서 학습했습니다 (${m[1] === 'cpu' ? 'CPU' : (m[1] ?? '')}, ${m[2] === 'extrapolated' ? '외삽' : m[2] === 'observed' ? '관측' : (m[2] ?? '')}): 설정에서 지정하면 그 값을 씁니다`,
  ],
  [
    /^no CPU history to learn the capacity of one server: configure capacityPerServer$/,
    () => '서버 1대 용량을 학습할 CPU 이력이 없습니다: capacityPerServer를 설정하세요',
  ],
  [/^no CCU history in this period to plan from$/, () => '이 기간에는 계획의 근거가 될 동접 이력이 없습니다'],
  [
    /^the current period reaches now: its last bucket is still filling/,
    () => '현재 기간이 지금까지 이어져 마지막 구간은 아직 채워지는 중입니다 (실시간 롤업); 비교 기준은 이력입니다',
  ],
  [
    /^no measurable change: the difference is within the sketches' combined error band$/,
    () => '의미 있는 변화 없음: 차이가 스케치의 합산 오차 범위 안입니다',
  ],
  [
    /^(the baseline|the current) period has no stored data, so there is nothing to compare$/,
    (m) => `${m[1] === 'the baseline' ? '비교 기준' : '현재'} 기간에 저장된 데이터가 없어 비교할 수 없습니다`,
  ],
  [/^no stored data in this period$/, () => '이 기간에 저장된 데이터가 없습니다'],
  [
    /^each bucket keeps the peak of the 2 s CCU gauge; min and average are of those bucket peaks$/,
    () => '각 구간은 2초 동접 게이지의 최대값을 보관합니다; 최소·평균은 그 구간 최대값들의 최소·평균입니다',
  ],
  [
    /^no transactions in the window at (.+): zero means no data reached the collector, not necessarily no users$/,
    (m) =>
      `${m[1] ?? ''} 기준 창에 트랜잭션이 없습니다: 0은 수집기에 데이터가 오지 않았다는 뜻이지 사용자가 없다는 뜻은 아닙니다`,
  ],
  [
    /^lists signed-in users \(mode user\) only; anonymous sessions are counted, not listed$/,
    () => '로그인한 사용자(모드 user)만 목록에 나옵니다; 익명 세션은 세기만 하고 나열하지 않습니다',
  ],
  [
    /^read the first (\d+) (sessions|requests) only$/,
    (m) => `처음 ${m[1] ?? ''}개 ${m[2] === 'sessions' ? '세션' : '요청'}만 읽었습니다`,
  ],
  [
    /^the gap breakdown read the first (\d+) session records only$/,
    (m) => `차이 분석은 처음 ${m[1] ?? ''}개 세션 기록만 읽었습니다`,
  ],
  [
    /^model: ([\w-]+), cycles ([\d, ]+) h; intervals cover (\d+) %$/,
    (m) => `모델: ${m[1] ?? ''}, 주기 ${m[2] ?? ''}시간; 구간 신뢰수준 ${m[3] ?? ''} %`,
  ],
  [
    /^duration = first to last activity seen by the collector/,
    () => '지속 시간 = 수집기가 본 첫 활동부터 마지막 활동까지 (데이터 시작 전에 열린 세션은 짧아 보입니다)',
  ],
  [
    /^a cause is named only when it explains at least a quarter of the excess and runs at three times its usual rate$/,
    () => '초과분의 4분의 1 이상을 설명하고 평소의 3배 이상으로 실행될 때만 원인으로 지목합니다',
  ],
  [
    /^candidates come from transaction summaries/,
    () => '후보는 트랜잭션 요약에서 나옵니다 (에이전트가 보고한 SQL 행 수와 소요 시간)',
  ],
  [
    /^only (\d+) days of hourly data: a recurring pattern needs two weeks or more$/,
    (m) => `시간별 데이터가 ${m[1] ?? ''}일뿐입니다: 반복 패턴을 보려면 2주 이상이 필요합니다`,
  ],
  [/^the period holds no weekend day or no weekday$/, () => '이 기간에는 주말 또는 평일이 없습니다'],
  [
    /^rules and thresholds are listed with each finding; a finding is a lead to check, not a verdict$/,
    () => '규칙과 임계값은 항목마다 표시합니다; 탐지 결과는 확인할 단서이지 판정이 아닙니다',
  ],
  [
    /^no active-sessions figure reached the collector/,
    () => '활성 세션 수가 수집기에 들어오지 않았습니다 (세션 메트릭이나 세션 이벤트 없음): 동접만 측정됩니다',
  ],
  [
    /^availability = share of requests that did not fail/,
    () => '가용성 = 실패하지 않은 요청의 비율 (상태 ≥ 500 또는 스팬 오류); 지연 목표는 여기서 평가하지 않습니다',
  ],
  [/^no requests stored in this period$/, () => '이 기간에 저장된 요청이 없습니다'],
  [
    /^surges are measured over at most the last 24 h of the period$/,
    () => '급증은 기간의 마지막 24시간까지만 측정합니다',
  ],
  [
    /^the user id is the authenticated id \(enduser\.id\); requests before sign-in carry no id$/,
    () => '사용자 ID는 인증된 ID(enduser.id)입니다; 로그인 전 요청에는 ID가 없습니다',
  ],
  [
    /^no requests of (.+) stored in this period \(raw transactions are kept 8 days by default\)$/,
    (m) => `이 기간에 ${m[1] ?? ''}의 요청이 저장되어 있지 않습니다 (원본 트랜잭션은 기본 8일 보관)`,
  ],
  // Why an RCA found no cause (analysis/rca), passed through by the rca tools.
  [
    /^no (\w+) spike in the samples$/,
    (m) => `표본에서 ${m[1] === 'cpu' ? 'CPU' : (m[1] ?? '')} 급증을 찾지 못했습니다`,
  ],
  [
    /^no OutOfMemoryError in the logs or transaction exceptions$/,
    () => '로그와 트랜잭션 예외에서 OutOfMemoryError를 찾지 못했습니다',
  ],
  [
    /^(\w+) spike on (\S+) but no baseline transactions before it to compare with$/,
    (m) =>
      `${m[2] ?? ''}에서 ${m[1] === 'cpu' ? 'CPU' : (m[1] ?? '')} 급증이 있었지만 비교할 그 이전의 트랜잭션이 없습니다`,
  ],
  [
    /^(\w+) spike on (\S+) but no single route and user explain (\d+) % of its excess (.+)$/,
    (m) =>
      `${m[2] ?? ''}에서 ${m[1] === 'cpu' ? 'CPU' : (m[1] ?? '')} 급증이 있었지만 초과분(${m[4] ?? ''})의 ${m[3] ?? ''} %를 설명하는 단일 경로·사용자가 없습니다`,
  ],
  // The scaling_policy tool and the policy simulation it runs (k8s/simulate-policy.ts).
  [
    /^simulated on hourly peaks: sized for each hour’s peak, minute-level behaviour \(60 s policies, 300 s stabilisation\) is inside the hour$/,
    () =>
      '시간별 피크로 시뮬레이션했습니다: 매 시간의 피크에 맞춘 규모이며, 분 단위 동작(60초 정책, 300초 안정화)은 그 시간 안에 묻힙니다',
  ],
  [
    /^CPU per pod = (\S+) × CCU per pod \(median over (\d+) hours of cpu ÷ \(CCU ÷ (\d+) servers\)\); a CPU HPA at (\d+) % then wants (.+) pods$/,
    (m) =>
      `파드당 CPU = ${m[1] ?? ''} × 파드당 동접 (${m[2] ?? ''}시간의 CPU ÷ (동접 ÷ 서버 ${m[3] ?? ''}대)의 중앙값); CPU ${m[4] ?? ''} % 기준 HPA는 ${m[5] ?? ''}개의 파드를 원합니다`,
  ],
  [
    /^no CPU history: assumed a pod reaches the (\d+) % CPU target at (\d+) users \(so the CPU policy equals the CCU one\)$/,
    (m) =>
      `CPU 이력이 없어 파드 하나가 사용자 ${m[2] ?? ''}명에서 CPU 목표 ${m[1] ?? ''} %에 이른다고 가정했습니다 (그래서 CPU 정책이 동접 정책과 같습니다)`,
  ],
  [
    /^no hourly CCU history in the period: nothing to simulate$/,
    () => '이 기간에 시간별 동접 이력이 없어 시뮬레이션할 것이 없습니다',
  ],
  [
    /^CCU never exceeded (\d+) \(peak (\d+)\): this policy would never have scaled out$/,
    (m) => `동접이 ${m[1] ?? ''}을(를) 넘은 적이 없어 (피크 ${m[2] ?? ''}) 이 정책은 한 번도 확장하지 않았을 것입니다`,
  ],
  [
    /^maxReplicas (\d+) reached in (\d+) h \(the peak (\d+) wanted (\d+) pods\): raise maxReplicas or expect (\d+) users per pod$/,
    (m) =>
      `maxReplicas ${m[1] ?? ''}에 ${m[2] ?? ''}시간 도달했습니다 (피크 ${m[3] ?? ''}에는 파드 ${m[4] ?? ''}개가 필요): maxReplicas를 올리거나 파드당 사용자 ${m[5] ?? ''}명을 감수하세요`,
  ],
  [
    /^flapping: (\d+) reversals within 3 h; lengthen scaleDown\.stabilizationWindowSeconds or widen the gap between thresholds$/,
    (m) =>
      `플래핑: 3시간 안에 방향이 ${m[1] ?? ''}번 바뀌었습니다; scaleDown.stabilizationWindowSeconds를 늘리거나 임계값 사이 간격을 넓히세요`,
  ],
  [
    /^a Value target of (\d+) \(instead of AverageValue\) would have stayed above (\d+) pod\(s\) in (\d+) of the (\d+) hours below (\S+): .+ — use AverageValue$/,
    (m) =>
      `AverageValue 대신 Value 목표 ${m[1] ?? ''}을(를) 쓰면 ${m[5] ?? ''} 미만이던 ${m[4] ?? ''}시간 중 ${m[3] ?? ''}시간 동안 파드 ${m[2] ?? ''}개 위에 머물렀을 것입니다: ⌈파드 × 동접 ÷ 목표⌉가 다시 올림되어 축소되지 않으니 AverageValue를 쓰세요`,
  ],
  [
    /^by the CPU history a pod reaches (\d+) % CPU at about (\d+) users; a target of (\d+) users per pod would run pods near (\d+) % CPU: lower the threshold or give pods more CPU$/,
    (m) =>
      `CPU 이력으로 보면 파드 하나는 사용자 약 ${m[2] ?? ''}명에서 CPU ${m[1] ?? ''} %에 이릅니다; 파드당 ${m[3] ?? ''}명을 목표로 하면 파드가 CPU 약 ${m[4] ?? ''} %로 돌게 됩니다: 임계값을 낮추거나 파드에 CPU를 더 주세요`,
  ],
  [
    /^the CPU-based comparison hits maxReplicas (\d+) in (\d+) h: its pod-hours are a lower bound$/,
    (m) => `CPU 기준 비교는 ${m[2] ?? ''}시간 동안 maxReplicas ${m[1] ?? ''}에 걸립니다: 그쪽 파드·시간은 하한값입니다`,
  ],
  [
    /^the thresholds (\S+) and (\S+) are within the HPA's 10 % tolerance of each other: expect flapping$/,
    (m) => `임계값 ${m[1] ?? ''}와(과) ${m[2] ?? ''}이(가) HPA의 10 % 허용 오차 안에 있습니다: 플래핑이 예상됩니다`,
  ],
  // Parameter errors the data cannot serve, shown as the answer's caveat (answer-question.ts).
  [
    /^mode '(\w+)' is not collected \(collected: ([\w, ]+)\)(?:; start the collector with --mode (\S+))?$/,
    (m) =>
      `모드 '${m[1] ?? ''}'은(는) 수집하지 않습니다 (수집 중: ${m[2] ?? ''})${m[3] ? `; 수집기를 --mode ${m[3]}로 시작하세요` : ''}`,
  ],
  [
    /^(\w+) steps over this range exceed (\d+) points; use a coarser step$/,
    (m) => `이 범위를 ${m[1] ?? ''} 단위로 보면 ${m[2] ?? ''}개 점을 넘습니다; 더 큰 단위를 쓰세요`,
  ],
  [/^a report covers at most (\d+) days$/, (m) => `리포트는 최대 ${m[1] ?? ''}일까지 다룹니다`],
  [
    /^(\w+) reads raw transactions and metrics from the collector's store, which this context does not expose$/,
    (m) => `${m[1] ?? ''}은(는) 수집기 저장소의 원본 트랜잭션과 메트릭을 읽는데, 여기서는 저장소에 접근할 수 없습니다`,
  ],
  // The LLM router's notes (ask/llm/ask-router.ts).
  [
    /^intent chosen by the LLM \((.+?)\) because the parser was unsure \((.+)\); times and parameters resolved by the deterministic parser$/,
    (m) =>
      `파서가 확신하지 못해 (${m[2] ?? ''}) LLM(${m[1] ?? ''})이 의도를 골랐습니다; 시간과 파라미터는 결정적 파서가 해석했습니다`,
  ],
  [
    /^the LLM could not classify the question \((.+)\); the deterministic parse was used$/,
    (m) => `LLM이 질문을 분류하지 못해 (${m[1] ?? ''}) 결정적 파서의 해석을 썼습니다`,
  ],
  [
    /^worded by the LLM \((.+?)\); every number checked against the tool data$/,
    (m) => `LLM(${m[1] ?? ''})이 문장을 다듬었습니다; 모든 숫자는 도구 데이터와 대조했습니다`,
  ],
  [
    /^the LLM's wording was discarded: it stated numbers not in the data \((.*)\); deterministic wording shown$/,
    (m) => `LLM의 문장은 버렸습니다: 데이터에 없는 숫자(${m[1] ?? ''})를 말했습니다; 결정적 문장을 보여 드립니다`,
  ],
  [
    /^the LLM could not word the answer \((.+)\); deterministic wording shown$/,
    (m) => `LLM이 답을 다듬지 못해 (${m[1] ?? ''}) 결정적 문장을 보여 드립니다`,
  ],
];

/** The caveat in the answer's language: Korean where a rule matches, otherwise as the tool wrote it. */
export function localiseCaveat(caveat: string, lang: Lang): string {
  if (lang !== 'ko') return caveat;
  for (const [re, ko] of KO) {
    const m = caveat.match(re);
    if (m) return ko(m);
  }
  return caveat;
}

export function localiseCaveats(caveats: readonly string[], lang: Lang): string[] {
  return [...new Set(caveats.map((c) => localiseCaveat(c, lang)))];
}
