/**
 * Labelled lines for the masker: log lines, tickets and chat messages with personal data, and
 * look-alikes that must come through untouched (timestamps, trace ids, UUIDs, order numbers,
 * versions, metrics, business numbers, Luhn-invalid digit runs, impossible birth dates). Written before
 * the detectors. `pii` lists every [type, exact substring] a perfect masker finds; IP addresses are
 * labelled too but only count under the `ip: true` policy.
 */
import type { PiiType } from './mask-types.js';

export interface LabelledLine {
  text: string;
  pii: ReadonlyArray<readonly [PiiType, string]>;
}

export const LABELLED_LINES: readonly LabelledLine[] = [
  // Resident registration numbers (주민등록번호 / 외국인등록번호)
  { text: '고객 주민번호 900101-1234567 확인 요청', pii: [['rrn', '900101-1234567']] },
  { text: '주민등록번호: 8501152345678', pii: [['rrn', '8501152345678']] },
  { text: '외국인등록번호 950505-5123456', pii: [['rrn', '950505-5123456']] },
  { text: '2021년 출생 아동 210315-3123456 접수', pii: [['rrn', '210315-3123456']] },
  { text: '윤년 출생자 000229-3123456 등록', pii: [['rrn', '000229-3123456']] },
  { text: 'WARN duplicate RRN 751231-2345678 in request', pii: [['rrn', '751231-2345678']] },
  { text: 'birth check 880808-1122334', pii: [['rrn', '880808-1122334']] },
  {
    text: '홍길동 씨의 주민등록번호 800202-1234567',
    pii: [
      ['name', '홍길동'],
      ['rrn', '800202-1234567'],
    ],
  },

  // Mobile and landline numbers
  { text: '연락처 010-1234-5678로 회신 바랍니다', pii: [['mobile', '010-1234-5678']] },
  { text: 'phone: 01098765432', pii: [['mobile', '01098765432']] },
  { text: '+82 10-2345-6789 로 전화주세요', pii: [['mobile', '+82 10-2345-6789']] },
  { text: 'call +82-10-3456-7890 after 6pm', pii: [['mobile', '+82-10-3456-7890']] },
  {
    text: '사무실 02-123-4567, 휴대폰 010.5555.1234',
    pii: [
      ['phone', '02-123-4567'],
      ['mobile', '010.5555.1234'],
    ],
  },
  { text: '경기 지사 031-789-1234', pii: [['phone', '031-789-1234']] },
  { text: '부산 051-234-5678 대표번호', pii: [['phone', '051-234-5678']] },
  { text: 'fax 02-3456-7890', pii: [['phone', '02-3456-7890']] },
  { text: '070-1234-5678 인터넷전화', pii: [['phone', '070-1234-5678']] },
  { text: '배송지 연락처 010 7777 8888', pii: [['mobile', '010 7777 8888']] },
  { text: 'login ok: 01012345678 via SMS', pii: [['mobile', '01012345678']] },
  { text: 'Tel. 02 312 4567', pii: [['phone', '02 312 4567']] },
  { text: '+82 2-123-4567 (서울 본사)', pii: [['phone', '+82 2-123-4567']] },
  { text: 'mobile=+821012345678', pii: [['mobile', '+821012345678']] },
  { text: '야간 담당 016-234-5678 (구 번호)', pii: [['mobile', '016-234-5678']] },

  // E-mail addresses
  { text: '문의: hong.gildong@example.com', pii: [['email', 'hong.gildong@example.com']] },
  { text: 'user kim01@naver.com logged in from the app', pii: [['email', 'kim01@naver.com']] },
  { text: 'Contact support at a.b-c_d+tag@mail.co.kr', pii: [['email', 'a.b-c_d+tag@mail.co.kr']] },
  { text: 'email: test.user@sub.domain.com', pii: [['email', 'test.user@sub.domain.com']] },
  { text: '이메일 jiyoung_k@daum.net 변경', pii: [['email', 'jiyoung_k@daum.net']] },
  { text: '사용자 이메일 kim.minji@example.org 인증 실패', pii: [['email', 'kim.minji@example.org']] },

  // Card numbers (Luhn-valid)
  { text: '카드 4111 1111 1111 1111 결제 실패', pii: [['card', '4111 1111 1111 1111']] },
  { text: 'card=5555-5555-5555-4444', pii: [['card', '5555-5555-5555-4444']] },
  { text: 'amex 378282246310005 승인', pii: [['card', '378282246310005']] },
  { text: '결제카드 6011111111111117', pii: [['card', '6011111111111117']] },
  { text: 'ERROR payment failed for card 4012888888881881 user=lee_99', pii: [['card', '4012888888881881']] },
  { text: '카드번호 5105-1051-0510-5100 유효기간 12/27', pii: [['card', '5105-1051-0510-5100']] },
  { text: 'JCB 3530 1113 3330 0000 결제', pii: [['card', '3530 1113 3330 0000']] },

  // Bank accounts (only in context)
  { text: '환불 계좌 국민 123456-01-234567', pii: [['account', '123456-01-234567']] },
  { text: '계좌번호: 110-123-456789 (신한)', pii: [['account', '110-123-456789']] },
  { text: 'account no. 1002-345-678901', pii: [['account', '1002-345-678901']] },
  { text: '입금 계좌 3333-01-1234567 카카오뱅크', pii: [['account', '3333-01-1234567']] },
  { text: '가상계좌 56211023456789 입금대기', pii: [['account', '56211023456789']] },
  {
    text: '송금 계좌 우리은행 1002-123-456789 예금주 김영수',
    pii: [
      ['account', '1002-123-456789'],
      ['name', '김영수'],
    ],
  },
  {
    text: '예금주 강감찬 계좌 004-12-3456789',
    pii: [
      ['name', '강감찬'],
      ['account', '004-12-3456789'],
    ],
  },

  // Names in context
  { text: '홍길동님 주문이 접수되었습니다', pii: [['name', '홍길동']] },
  { text: '김철수 씨가 문의함', pii: [['name', '김철수']] },
  { text: '고객 이영희 환불 요청', pii: [['name', '이영희']] },
  { text: '성명: 박민수', pii: [['name', '박민수']] },
  {
    text: '이름: 최지우, 연락처: 010-2222-3333',
    pii: [
      ['name', '최지우'],
      ['mobile', '010-2222-3333'],
    ],
  },
  {
    text: '신청자: 정하늘 (010-4444-5555)',
    pii: [
      ['name', '정하늘'],
      ['mobile', '010-4444-5555'],
    ],
  },
  { text: '남궁민수님이 로그인했습니다', pii: [['name', '남궁민수']] },
  {
    text: '담당자: 윤서연 / seoyeon.yoon@corp.kr',
    pii: [
      ['name', '윤서연'],
      ['email', 'seoyeon.yoon@corp.kr'],
    ],
  },
  { text: '수신자 한지민 님께 발송', pii: [['name', '한지민']] },
  {
    text: 'customer: John Smith, phone +82-10-1111-2222',
    pii: [
      ['name', 'John Smith'],
      ['mobile', '+82-10-1111-2222'],
    ],
  },
  {
    text: '고객센터로 이민호 고객님 전화 요청, 번호 010-6666-7777',
    pii: [
      ['name', '이민호'],
      ['mobile', '010-6666-7777'],
    ],
  },
  {
    text: '보호자 송중기 010-3333-1111',
    pii: [
      ['name', '송중기'],
      ['mobile', '010-3333-1111'],
    ],
  },
  { text: '환자 오세훈 님 진료 예약', pii: [['name', '오세훈']] },
  { text: '받는 분: 장보고', pii: [['name', '장보고']] },
  { text: '주문자 서지수 (서울시)', pii: [['name', '서지수']] },
  {
    text: '{"name":"홍길동","tel":"010-9999-8888"}',
    pii: [
      ['name', '홍길동'],
      ['mobile', '010-9999-8888'],
    ],
  },

  // Mixed, in URLs and logs
  {
    text: 'POST /api/users?email=park99@gmail.com&phone=01033334444 200 12ms',
    pii: [
      ['email', 'park99@gmail.com'],
      ['mobile', '01033334444'],
    ],
  },
  {
    text: '2026-03-18T14:20:00+09:00 INFO signup name=이수진 tel=010-8888-1234 trace=4bf92f3577b34da6a3ce929d0e0e4736',
    pii: [
      ['name', '이수진'],
      ['mobile', '010-8888-1234'],
    ],
  },

  // IP addresses (masked only under the ip policy)
  { text: 'IP 203.0.113.45 에서 로그인', pii: [['ip', '203.0.113.45']] },
  { text: 'client 2001:db8::1 connected', pii: [['ip', '2001:db8::1']] },
  {
    text: 'x-forwarded-for: 198.51.100.7, 10.0.0.1',
    pii: [
      ['ip', '198.51.100.7'],
      ['ip', '10.0.0.1'],
    ],
  },

  // Look-alikes: nothing here is personal data
  { text: '2026-03-18T14:20:00.123+09:00 INFO request completed in 123ms', pii: [] },
  { text: 'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7', pii: [] },
  { text: 'request id 550e8400-e29b-41d4-a716-446655440000', pii: [] },
  { text: '주문번호 ORD-2026-000123 배송 시작', pii: [] },
  { text: 'deployed version 1.2.3 to was1', pii: [] },
  { text: 'cpu=93.5% mem=2048MB gc=120ms', pii: [] },
  { text: 'ccu 12,345 sessions 100,000 at 2026-03-18 14:20:00', pii: [] },
  { text: '결제 금액 1,234,567원', pii: [] },
  { text: 'epoch 1773811200000 processed', pii: [] },
  { text: '대표번호 1588-1234 로 문의하세요', pii: [] },
  { text: 'order 20260318142000 created', pii: [] },
  { text: 'invoice INV-20260318-0001', pii: [] },
  { text: 'card number 1234 5678 9012 3456 is a test placeholder', pii: [] },
  { text: '991332-1234567 invalid date', pii: [] },
  { text: '900101-9234567 not a resident number', pii: [] },
  { text: 'build 2026.03.18 released', pii: [] },
  { text: 'GET /api/v1/series?from=2026-03-01&to=2026-03-18&step=1h 200', pii: [] },
  { text: '고객님 문의 감사합니다', pii: [] },
  { text: '사용자 수가 1만 명을 넘었습니다', pii: [] },
  { text: '이름 변경 기능이 배포되었습니다', pii: [] },
  { text: '선생님께서 확인하셨습니다', pii: [] },
  { text: '관리자님 서버 점검 부탁드립니다', pii: [] },
  { text: '담당자님께 전달했습니다', pii: [] },
  { text: 'port 8080, pid 31337, threads 200', pii: [] },
  { text: 'HTTP/1.1 200 OK content-length 5432', pii: [] },
  { text: 'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', pii: [] },
  { text: 'span 00f067aa0ba902b7 took 1500ms', pii: [] },
  { text: 'phone model SM-G991N firmware G991NKSU3CVA1', pii: [] },
  { text: '응답시간 p95 0.234s, p99 1.012s', pii: [] },
  { text: 'k8s pod was-7d9f8b6c4-x2x9z restarted', pii: [] },
  { text: 'ISBN 978-3-16-148410-0', pii: [] },
  { text: '좌표 37.5665, 126.9780', pii: [] },
  { text: '01:23:45 요청 처리 완료', pii: [] },
  { text: 'mac address 00:1A:2B:3C:4D:5E', pii: [] },
  { text: 'session JSESSIONID=8A3F2B1C9D4E5F60718293A4B5C6D7E8', pii: [] },
  { text: '상품코드 010-123 재고 부족', pii: [] },
  { text: '에러 코드 E-1020-3344', pii: [] },
  { text: 'batch 20260318 finished with 12345 rows', pii: [] },
  { text: '김 부장님이 승인했습니다', pii: [] },
  { text: '이름: 없음', pii: [] },
  { text: 'version v2.10.4-beta.1', pii: [] },
  { text: 'UUID 123e4567-e89b-12d3-a456-426614174000 processed', pii: [] },
  { text: '2026/03/18 14:20:00 WARN slow query 2.3s', pii: [] },
  { text: 'total 4111111111111112 bytes', pii: [] },
  { text: 'docker image sha 4bf92f3577b34da6', pii: [] },
  { text: 'Thread-12 pool-3 worker 0x7f3a2c', pii: [] },
  { text: 'TPS 1234.56 / RPS 5678', pii: [] },
  { text: 'ticket TKT-000345 assigned', pii: [] },
  { text: '주문번호 123-456-789012 확인', pii: [] },
  { text: '동시접속자 10만 명, 세션 12만 개', pii: [] },
  { text: 'was1 heap 3.2GB / 4GB, full gc 3 times', pii: [] },
];
