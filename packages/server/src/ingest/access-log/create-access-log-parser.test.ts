/** Line handling, user keys, patterns and rejections of the access-log parser, on hand-written lines. */
import { describe, expect, it } from 'vitest';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { createAccessLogParser } from './create-access-log-parser.js';

const LINE =
  '203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] "GET /cart;jsessionid=ABC123?x=1 HTTP/1.1" 503 2326 "-" "curl/8.0"';

describe('createAccessLogParser', () => {
  it('parses a combined line with CRLF, URL session and remote user', () => {
    const p = createAccessLogParser({ format: 'combined', instance: 'web-1' });
    expect(p.parseLine(`${LINE}\r\n`, 1)).toEqual({
      time: Date.UTC(2000, 9, 10, 20, 55, 36),
      durationMs: 0,
      status: 503,
      error: true,
      method: 'GET',
      url: '/cart;jsessionid=ABC123?x=1',
      route: '/cart',
      instance: 'web-1',
      service: 'web-1',
      clientIp: '203.0.113.9',
      sessionId: 'ABC123',
      visitorId: undefined,
      userId: 'alice',
      userAgent: 'curl/8.0',
      bytes: 2326,
    });
  });

  it('skips blank lines and rejects broken and huge lines with their numbers', () => {
    const p = createAccessLogParser({ format: 'combined', instance: 'w', maxLineLength: 1000 });
    expect(p.parseLine('', 1)).toBeNull();
    expect(p.parseLine('   \r', 2)).toBeNull();
    expect(p.parseLine('garbage', 3)).toEqual({ line: 3, reason: 'no [timestamp] field' });
    expect(p.parseLine(LINE.replace('Oct', 'Foo'), 4)).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/^bad timestamp/),
    });
    expect(p.parseLine(LINE.replace('503', 'abc'), 5)).toEqual({ line: 5, reason: "bad status 'abc'" });
    expect(p.parseLine(LINE.slice(0, 60), 6)).toMatchObject({ line: 6, reason: 'unterminated "request" field' });
    expect(p.parseLine(`${LINE} "${'x'.repeat(2000)}"`, 7)).toEqual({
      line: 7,
      reason: 'line longer than 1000 characters',
    });
  });

  it('keeps escaped quotes inside the request line', () => {
    const p = createAccessLogParser({ format: 'combined', instance: 'w' });
    const line = '192.0.2.9 - - [05/Mar/2024:09:00:01 +0000] "GET /x?q=\\" or 1=1 HTTP/1.1" 400 0 "-" "sqlmap"';
    expect(p.parseLine(line, 1)).toMatchObject({ url: '/x?q=\\" or 1=1', status: 400, userAgent: 'sqlmap' });
  });

  it('parses timestamps across hours, days and zones (cache must not leak)', () => {
    const p = createAccessLogParser({ format: 'common', instance: 'w' });
    const at = (ts: string) => (p.parseLine(`1.2.3.4 - - [${ts}] "GET / HTTP/1.1" 200 1`, 1) as { time: number }).time;
    expect(at('31/Dec/2023:23:59:59 +0000')).toBe(Date.UTC(2023, 11, 31, 23, 59, 59));
    expect(at('01/Jan/2024:00:00:00 +0000')).toBe(Date.UTC(2024, 0, 1));
    expect(at('01/Jan/2024:00:00:00 +0900')).toBe(Date.UTC(2023, 11, 31, 15));
    expect(at('01/Jan/2024:00:30:01 +0900')).toBe(Date.UTC(2023, 11, 31, 15, 30, 1));
    expect(at('29/Feb/2024:12:00:00 -0130')).toBe(Date.UTC(2024, 1, 29, 13, 30));
  });

  it('reads nginx $request_time in seconds and Apache %D in microseconds', () => {
    const nginx = createAccessLogParser({ format: 'nginx', instance: 'w' });
    expect(nginx.parseLine(`${LINE} "198.51.100.7" 0.250 0.249`, 1)).toMatchObject({
      durationMs: 250,
      clientIp: '203.0.113.9',
    });
    expect(nginx.parseLine(`${LINE} urt="0.010" uct=0.001 rt=0.042`, 2)).toMatchObject({ durationMs: 42 });
    const apache = createAccessLogParser({ format: 'combined', instance: 'w' });
    expect(apache.parseLine(`${LINE} 1500`, 1)).toMatchObject({ durationMs: 1.5 });
    const tomcat = createAccessLogParser({ format: 'combined', instance: 'w', durationUnit: 'ms' });
    expect(tomcat.parseLine(`${LINE} 1500`, 1)).toMatchObject({ durationMs: 1500 });
  });

  it('honours X-Forwarded-For only from trusted proxies', () => {
    const line = LINE.replace('203.0.113.9', '10.0.0.5') + ' "198.51.100.7, 10.0.0.9"';
    expect(createAccessLogParser({ format: 'nginx', instance: 'w' }).parseLine(line, 1)).toMatchObject({
      clientIp: '10.0.0.5',
    });
    expect(
      createAccessLogParser({ format: 'nginx', instance: 'w', trustedProxies: ['10.0.0.0/8'] }).parseLine(line, 1),
    ).toMatchObject({ clientIp: '198.51.100.7' });
  });

  it('builds a parser from a Tomcat pattern with cookies and the session id', () => {
    const p = createAccessLogParser({
      format: 'tomcat',
      instance: 'tc-1',
      pattern: '%h %l %u %t "%r" %s %b %D "%{Cookie}i" %S',
      visitorCookie: 'vid',
    });
    const tx = p.parseLine(
      '192.0.2.1 - bob [05/Mar/2024:09:00:01 +0000] "POST /api/order HTTP/1.1" 201 88 37 "JSESSIONID=S1; vid=V9" S2',
      1,
    );
    expect(tx).toMatchObject({
      durationMs: 37,
      sessionId: 'S2',
      visitorId: 'V9',
      userId: 'bob',
      status: 201,
      method: 'POST',
    });
    const cookieOnly = createAccessLogParser({
      format: 'tomcat',
      instance: 'tc-1',
      pattern: '%h %l %u %t "%r" %s %b "%{Cookie}i"',
    });
    expect(
      cookieOnly.parseLine('192.0.2.1 - - [05/Mar/2024:09:00:01 +0000] "GET / HTTP/1.1" 200 1 "a=1; JSESSIONID=S1"', 1),
    ).toMatchObject({ sessionId: 'S1', userId: undefined });
    expect(cookieOnly.parseLine('192.0.2.1 - - [05/Mar/2024:09:00:01 +0000] GET / 200 1', 9)).toEqual({
      line: 9,
      reason: "expected ' \"' at column 43",
    });
  });

  it('accepts Tomcat named patterns and ignores attribute directives', () => {
    const named = createAccessLogParser({ format: 'tomcat', instance: 't', pattern: 'common' });
    expect(named.parseLine('192.0.2.1 - - [05/Mar/2024:09:00:01 +0000] "GET /a HTTP/1.1" 200 5', 1)).toMatchObject({
      url: '/a',
      status: 200,
    });
    const attrs = createAccessLogParser({
      format: 'tomcat',
      instance: 't',
      pattern: '%h %t "%r" %s %{userId}s %{reqAttr}r %T',
    });
    expect(attrs.parseLine('192.0.2.1 [05/Mar/2024:09:00:01 +0000] "GET /b HTTP/1.1" 404 u1 x 0.125', 1)).toMatchObject(
      {
        url: '/b',
        status: 404,
        durationMs: 125,
      },
    );
  });

  it('builds a parser from an nginx log_format', () => {
    const p = createAccessLogParser({
      format: 'nginx',
      instance: 'ng',
      pattern:
        '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uid=$cookie_JSESSIONID',
    });
    expect(
      p.parseLine(
        '198.51.100.2 - - [05/Mar/2024:09:00:01 +0100] "GET /a?b=c HTTP/2.0" 200 10 "-" "UA 1" rt=0.004 uid=XYZ',
        1,
      ),
    ).toMatchObject({
      time: Date.UTC(2024, 2, 5, 8, 0, 1),
      durationMs: 4,
      sessionId: 'XYZ',
      userAgent: 'UA 1',
      route: '/a',
    });
  });

  it('rejects bad options and patterns with invalid_parameter', () => {
    const bad = (o: object) => () => createAccessLogParser(o as never);
    expect(bad({ format: 'xml', instance: 'w' })).toThrow(PromptOpsError);
    expect(bad({ format: 'tomcat', instance: 'w', pattern: '%h %u' })).toThrow(/no time field/);
    expect(bad({ format: 'tomcat', instance: 'w', pattern: '%h%u %t %r' })).toThrow(/no separator/);
    expect(bad({ format: 'combined', instance: 'w', trustedProxies: ['nope'] })).toThrow(/not an IP/);
  });

  it('follows a W3C header given as the pattern for headerless files', () => {
    const p = createAccessLogParser({
      format: 'w3c',
      instance: 'iis',
      pattern: '#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken',
    });
    expect(p.parseLine('2024-03-05 09:00:01.250 192.0.2.1 GET /x 200 15', 1)).toMatchObject({
      time: Date.UTC(2024, 2, 5, 9, 0, 1, 250),
      durationMs: 15,
    });
    expect(p.parseLine('#Fields: date time c-ip cs-method cs-uri-stem cs(Cookie) sc-status', 2)).toBeNull();
    expect(p.parseLine('2024-03-05 09:00:02 192.0.2.1 GET /y JSESSIONID=Q1;+x=2 200', 3)).toMatchObject({
      sessionId: 'Q1',
    });
  });
});
