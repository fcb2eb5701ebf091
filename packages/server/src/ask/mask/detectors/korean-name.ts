/**
 * Personal names, only in context, because a bare three-syllable word is far more often a noun:
 * - before an honorific: "홍길동님", "김철수 씨", "이민호 고객님" (a known surname + two syllables);
 * - after a role word: "고객 이영희", "예금주 김영수", "환자 오세훈" (same shape);
 * - as a field value: "성명: 박민수", "이름: …", "신청자: …", "name=…", `"name":"…"`,
 *   "customer: John Smith" (any 2-4 Hangul syllables, or capitalised Latin words).
 * Role nouns that look like names ("관리자님", "담당자님", "선생님") are excluded.
 */
import type { PiiCandidate } from '../mask-types.js';

const SINGLE_SURNAMES =
  '김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감';
const COMPOUND_SURNAMES = ['남궁', '황보', '제갈', '선우', '독고', '사공', '서문', '동방'];
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES}])`;
const NAME = `${SURNAME}[가-힣]{2}`;

/** Words shaped like a name that are roles or plain nouns. */
const NOT_NAMES = new Set([
  '관리자',
  '담당자',
  '사용자',
  '운영자',
  '개발자',
  '관계자',
  '신청자',
  '작성자',
  '주문자',
  '수신자',
  '발신자',
  '보호자',
  '구매자',
  '판매자',
  '상담사',
  '대표님',
  '고객님',
  '회원님',
  '선생님',
  '사장님',
  '부장님',
  '이사님',
  '없음',
  '미상',
  '미입력',
  '익명',
  '비공개',
  '미정',
  '해당없음',
  '변경',
  '정보',
  '입력',
  '확인',
  '기사님',
  '여러분',
  '고객센',
  '이용자',
  '접속자',
  '방문자',
  '가입자',
  '소유자',
  '예금주',
  '받는분',
]);

const HONORIFIC = new RegExp(
  `(?<![가-힣])(${NAME})(?=\\s?(?:님|씨|고객님|회원님|고객|회원)(?![가-힣]{0,4}(?:센터|서비스|정보)))`,
  'g',
);
const ROLE = new RegExp(
  `(?:고객|회원|예금주|보호자|환자|수신자|발신자|신청자|담당자|주문자|구매자|수령인|받는\\s?분)\\s+(${NAME})(?![가-힣])`,
  'g',
);
const FIELD =
  /(?:성명|이름|신청자|수신자|예금주|담당자|주문자|받는\s?분|고객명|회원명|"?name"?|customer|full ?name)\s*[:：=]\s*"?([가-힣]{2,4}(?![가-힣])|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})/g;

export function detectKoreanNames(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const starts = new Set<number>();
  const push = (name: string, start: number): void => {
    if (NOT_NAMES.has(name) || starts.has(start)) return;
    starts.add(start);
    out.push({ type: 'name', start, end: start + name.length });
  };
  for (const m of text.matchAll(HONORIFIC)) push(m[1], m.index);
  for (const m of text.matchAll(ROLE)) push(m[1], m.index + m[0].length - m[1].length);
  for (const m of text.matchAll(FIELD)) push(m[1], m.index + m[0].length - m[1].length);
  return out;
}
