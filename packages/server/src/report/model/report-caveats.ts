/**
 * The limits a report states, as codes gathered by the model and worded in the report's language:
 * what the identification mode gets wrong, hours without data, figures that are extrapolated or
 * missing. Codes keep the model free of prose; the words live here, in Korean and English.
 */
import type { UserKeyMode } from '../../model/transaction.js';
import type { ReportLang } from '../report-types.js';

export type ReportCaveat =
  | { code: 'mode'; mode: UserKeyMode }
  | { code: 'no_ccu_data' }
  | { code: 'partial_coverage'; hours: number; of: number }
  | { code: 'latency_unavailable' }
  | { code: 'no_servers' }
  | { code: 'no_forecast' }
  | { code: 'capacity_extrapolated'; metric: string }
  | { code: 'capacity_lower_bound' }
  | { code: 'no_capacity_data' };

const MODE_KO: Record<UserKeyMode, string> = {
  ip: '식별 방식 ip: 같은 NAT 주소 뒤의 사용자는 한 명으로 셉니다 (사무실·이동통신망에서 과소 집계)',
  session: '식별 방식 session: 만료 후 다시 만든 세션을 다시 셉니다 (과다 집계)',
  cookie: '식별 방식 cookie: 방문자 쿠키를 거부하는 브라우저는 세지 않습니다',
  user: '식별 방식 user: 로그인한 사용자만 셉니다 (익명 방문자와 봇 제외)',
};
const MODE_EN: Record<UserKeyMode, string> = {
  ip: 'mode ip: users behind one NAT address count once (undercounts offices and mobile carriers)',
  session: 'mode session: expired and re-created sessions count again (overcounts)',
  cookie: 'mode cookie: browsers that refuse the visitor cookie are not counted',
  user: 'mode user: only signed-in users are counted (not anonymous visitors or bots)',
};

export function caveatText(c: ReportCaveat, lang: ReportLang): string {
  const ko = lang === 'ko';
  switch (c.code) {
    case 'mode':
      return (ko ? MODE_KO : MODE_EN)[c.mode];
    case 'no_ccu_data':
      return ko ? '이 기간에 동시접속자 데이터가 없습니다' : 'no CCU data in the period';
    case 'partial_coverage':
      return ko
        ? `동시접속자 데이터는 기간 ${c.of}시간 중 ${c.hours}시간만 있습니다`
        : `CCU data covers ${c.hours} of the period's ${c.of} hours`;
    case 'latency_unavailable':
      return ko
        ? '응답시간 준수율 없음: 수집기가 지연 시간 히스토그램을 제공하지 않습니다'
        : 'no latency compliance: the collector does not expose latency histograms';
    case 'no_servers':
      return ko
        ? '용량 권고 없음: 이 기간에 보고한 서버가 없습니다'
        : 'no capacity recommendation: no instance reported in the period';
    case 'no_forecast':
      return ko
        ? '예측 없음: 기간 끝 이전의 시간별 이력이 2주보다 짧습니다'
        : 'no forecast: less than two weeks of hourly history before the end of the period';
    case 'capacity_extrapolated':
      return ko
        ? `서버당 수용량은 ${c.metric} 추세에서 외삽한 값입니다 (한계에 이른 서버가 없음)`
        : `capacity per server extrapolated from ${c.metric} (no instance reached its limit)`;
    case 'capacity_lower_bound':
      return ko
        ? '서버당 수용량은 하한입니다: 한계에 이른 서버가 없습니다'
        : 'capacity per server is a lower bound: no instance reached a limit';
    case 'no_capacity_data':
      return ko
        ? '용량 권고 없음: 서버당 수용량(capacityPerServer)을 설정하세요 (추정할 CPU·오류 데이터가 없음)'
        : 'no capacity recommendation: set capacityPerServer (no CPU or error data to learn it from)';
  }
}
