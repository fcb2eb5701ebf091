import { describe, expect, it } from 'vitest';
import { maskStructured } from './mask-structured.js';

describe('maskStructured', () => {
  it('masks strings anywhere in an answer, keeps keys, numbers and look-alikes, and reports paths', () => {
    const answer = {
      intent: 'users.urls',
      data: {
        rows: [
          {
            user: 'kim01',
            url: '/signup?email=park99%40gmail.com',
            status: 200,
            trace: '4bf92f3577b34da6a3ce929d0e0e4736',
          },
          { user: 'lee_99', url: '/profile', note: '연락처 010-1234-5678' },
        ],
      },
      'odd key': ['홍길동님 문의'],
    };
    const { value, findings } = maskStructured(answer, { level: 'full' });
    expect(value).toEqual({
      intent: 'users.urls',
      data: {
        rows: [
          { user: 'kim01', url: '/signup?email=[이메일]', status: 200, trace: '4bf92f3577b34da6a3ce929d0e0e4736' },
          { user: 'lee_99', url: '/profile', note: '연락처 [휴대전화]' },
        ],
      },
      'odd key': ['[이름]님 문의'],
    });
    expect(findings.map((f) => [f.type, f.path])).toEqual([
      ['email', '$.data.rows[0].url'],
      ['mobile', '$.data.rows[1].note'],
      ['name', '$["odd key"][0]'],
    ]);
    expect(answer.data.rows[1].note).toBe('연락처 010-1234-5678'); // the input is not modified
  });

  it('follows JSON semantics and never leaks through cycles or class instances', () => {
    class Row {
      constructor(readonly contact: string) {}
    }
    const a: Record<string, unknown> = {
      when: new Date(0),
      text: 'call 010-1234-5678',
      row: new Row('hong@example.com'),
    };
    a.self = a;
    const { value } = maskStructured(a);
    expect(value).toEqual({
      when: '1970-01-01T00:00:00.000Z',
      text: 'call 010-****-5678',
      row: { contact: 'ho***@example.com' },
      self: '[Circular]',
    });
  });
});
