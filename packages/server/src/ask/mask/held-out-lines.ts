/**
 * Held-out lines for the masker, written after the detectors were finished and never tuned on: the
 * honest figure for text the masker has not seen. Same labelling rules as `labelled-lines.ts`.
 */
import type { LabelledLine } from './labelled-lines.js';

export const HELD_OUT_LINES: readonly LabelledLine[] = [
  {
    text: '[CS-4821] 고객 박서준 님이 010-2468-1357 로 재연락 요청',
    pii: [
      ['name', '박서준'],
      ['mobile', '010-2468-1357'],
    ],
  },
  {
    text: '가입 정보 — 성명: 김나래 / 생년월일 포함 주민번호 921212-2012345',
    pii: [
      ['name', '김나래'],
      ['rrn', '921212-2012345'],
    ],
  },
  { text: 'INFO notify sms=01055557777 template=ORDER_SHIPPED', pii: [['mobile', '01055557777']] },
  {
    text: 'from: lee.sunhee@company.co.kr to: ops-team@company.co.kr',
    pii: [
      ['email', 'lee.sunhee@company.co.kr'],
      ['email', 'ops-team@company.co.kr'],
    ],
  },
  { text: 'payment token created for 4242 4242 4242 4242 exp 09/29', pii: [['card', '4242 4242 4242 4242']] },
  { text: '환불받을 계좌: 농협 302-1234-5678-91', pii: [['account', '302-1234-5678-91']] },
  {
    text: '대구 지점 053-765-4321 팩스 053-765-4322',
    pii: [
      ['phone', '053-765-4321'],
      ['phone', '053-765-4322'],
    ],
  },
  { text: 'Korean office +82 31-8017-1234', pii: [['phone', '+82 31-8017-1234']] },
  { text: '2019년생 아이 190707-4567890 보험 가입', pii: [['rrn', '190707-4567890']] },
  { text: '최우식씨 배송 완료', pii: [['name', '최우식']] },
  { text: '회원 조민아 탈퇴 처리', pii: [['name', '조민아']] },
  { text: 'user_email=jh.park+test@gmail.com&uid=88213', pii: [['email', 'jh.park+test@gmail.com']] },
  {
    text: '이름=황보영진 연락처=010-1357-2468',
    pii: [
      ['name', '황보영진'],
      ['mobile', '010-1357-2468'],
    ],
  },
  { text: 'card: 5200 8282 8282 8210 (debit)', pii: [['card', '5200 8282 8282 8210']] },
  { text: 'Account Number: 123-456789-01-234', pii: [['account', '123-456789-01-234']] },
  { text: '상담원 메모: 고객 연락처 010 9876 5432, 이메일 없음', pii: [['mobile', '010 9876 5432']] },
  { text: 'client ip 172.16.254.3 blocked after 20 failures', pii: [['ip', '172.16.254.3']] },
  { text: '외국인 등록번호 830512-6234567 확인 필요', pii: [['rrn', '830512-6234567']] },
  {
    text: '{"customer":"Jane Doe","email":"jane.doe@example.net"}',
    pii: [
      ['name', 'Jane Doe'],
      ['email', 'jane.doe@example.net'],
    ],
  },
  { text: '신청인 홍길순 님 서류 미비', pii: [['name', '홍길순']] },
  // look-alikes
  { text: 'GET /orders/2026031800123 200 45ms', pii: [] },
  { text: 'span=a1b2c3d4e5f60718 parent=0000000000000000', pii: [] },
  { text: 'release 3.14.159 rolled back', pii: [] },
  { text: '접속자 1,234명 / 세션 5,678개 / 피크 12:30', pii: [] },
  { text: '송장번호 6012-3456-7890 조회', pii: [] },
  { text: 'ERR-2026-03-18-0042 timeout after 30000 ms', pii: [] },
  { text: 'heap used 1073741824 bytes (1 GiB)', pii: [] },
  { text: 'kafka offset 9876543210123 partition 3', pii: [] },
  { text: '대표전화 1577-0000 (평일 09:00~18:00)', pii: [] },
  { text: 'x-request-id: 7f9c2ba4-e88f-42a1-9ed3-0c5ba5d2b2b1', pii: [] },
  { text: '김치 주문량 2,000개 돌파', pii: [] },
  { text: '사용자님 비밀번호가 변경되었습니다', pii: [] },
  { text: 'build #20260318.3 succeeded on agent-07', pii: [] },
  { text: 'latency p50=12ms p95=87ms p99=230ms', pii: [] },
  { text: '주민센터 방문 예약 3월 20일', pii: [] },
];
