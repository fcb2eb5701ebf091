/**
 * Every real access-log fixture in ../shared/data parses with no rejection other than the ones listed
 * here with their reasons, and sample lines yield exactly the fields a user would check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogFormat } from './access-log-options.js';
import type { AccessLogRejection } from './access-log-record.js';
import { createAccessLogParser } from './create-access-log-parser.js';

const DATA = path.resolve(fileURLToPath(new URL('../../../../../', import.meta.url)), '../shared/data');
const haveData = existsSync(DATA);
if (!haveData) console.warn(`access-log fixture tests skipped: ${DATA} is absent`);

function parseFile(file: string, format: AccessLogFormat, extra: Record<string, unknown> = {}) {
  const parser = createAccessLogParser({ format, instance: 'web-1', ...extra });
  const txs: Transaction[] = [];
  const rejections: AccessLogRejection[] = [];
  readFileSync(path.join(DATA, file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const r = parser.parseLine(line, i + 1);
      if (r === null) return;
      if ('reason' in r) rejections.push(r);
      else txs.push(r);
    });
  return { txs, rejections };
}

/** file, format, accepted count, and the rejections we expect (line → reason prefix). */
const FIXTURES: [string, AccessLogFormat, number, Record<number, string>][] = [
  ['elastic_apache_logs/apache_logs', 'combined', 10_000, {}],
  ['elastic_parser_fixtures/apache/beats_filebeat_apache_access_test.log', 'combined', 7, {}],
  ['elastic_parser_fixtures/nginx/beats_filebeat_nginx_access_test.log', 'nginx', 7, {}],
  ['elastic_parser_fixtures/tomcat/integrations_apache_tomcat_test-access.log', 'tomcat', 17, {}],
  ['elastic_parser_fixtures/iis/beats_filebeat_iis_access_test.log', 'w3c', 5, {}],
  ['elastic_parser_fixtures/iis/beats_filebeat_iis_test-iis-7.5.log', 'w3c', 4, {}],
  ['elastic_parser_fixtures/iis/integrations_iis10-access_nohdr.log', 'w3c', 8, {}],
  ['iis_w3c/brianary_ex010320.log', 'w3c', 2, {}],
  ['iis_w3c/brianary_ex960101.log', 'w3c', 5, {}],
  // An IIS 5 sample whose #Fields has a date but no time: no line can be placed in time.
  [
    'iis_w3c/brianary_ex031118.log',
    'w3c',
    0,
    {
      5: 'no date/time fields',
      6: 'no date/time fields',
      7: '3 fields where #Fields declares 4',
      8: 'no date/time fields',
    },
  ],
];

describe.skipIf(!haveData)('access-log fixtures', () => {
  it.each(FIXTURES)('%s (%s)', (file, format, accepted, expected) => {
    const { txs, rejections } = parseFile(file, format);
    expect(Object.fromEntries(rejections.map((r) => [r.line, r.reason]))).toEqual(expected);
    expect(txs).toHaveLength(accepted);
    for (const tx of txs) {
      expect(Number.isFinite(tx.time)).toBe(true);
      expect(tx.status).toBeGreaterThanOrEqual(100);
      expect(tx.instance).toBe('web-1');
    }
  });

  it('reads the first real Apache line field by field', () => {
    const { txs } = parseFile('elastic_apache_logs/apache_logs', 'combined');
    expect(txs[0]).toEqual({
      time: Date.UTC(2015, 4, 17, 10, 5, 3),
      durationMs: 0,
      status: 200,
      error: false,
      method: 'GET',
      url: '/presentations/logstash-monitorama-2013/images/kibana-search.png',
      route: '/presentations/logstash-monitorama-2013/images/kibana-search.png',
      instance: 'web-1',
      service: 'web-1',
      clientIp: '83.149.9.216',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36',
      bytes: 203023,
    });
    // The file spans four days with all timestamps at minute :05; times must stay in order per hour.
    const hours = new Set(txs.map((t) => new Date(t.time).getUTCMinutes()));
    expect([...hours]).toEqual([5]);
  });

  it('applies time zones, vhost prefixes and forwarded lists in Apache/nginx fixtures', () => {
    const apache = parseFile('elastic_parser_fixtures/apache/beats_filebeat_apache_access_test.log', 'combined').txs;
    expect(apache[0]).toMatchObject({
      time: Date.UTC(2016, 11, 26, 14, 16, 29),
      clientIp: '::1',
      status: 404,
      bytes: 209,
    });
    expect(apache[2]).toMatchObject({ method: '', url: '', status: 408, bytes: 0 });
    expect(apache[6]).toMatchObject({ clientIp: '123.123.123.123', url: '/', bytes: 32953 });

    const nginx = parseFile('elastic_parser_fixtures/nginx/beats_filebeat_nginx_access_test.log', 'nginx', {
      trustedProxies: ['127.0.0.0/8', '10.0.0.0/8'],
    }).txs;
    // `10.0.0.2, 10.0.0.1, 127.0.0.1`: every hop is trusted, so the leftmost is the client.
    expect(nginx[0].clientIp).toBe('10.0.0.2');
    // `10.0.0.2, 10.0.0.1, 85.181.35.98`: the peer is not trusted, so its forwarded list is ignored.
    expect(nginx[2].clientIp).toBe('85.181.35.98');
    // Quoted forwarded list then the (trusted) peer: the first untrusted hop from the right.
    expect(nginx[4]).toMatchObject({ clientIp: '204.246.1.1', url: '/assets/xxxx?q=100', route: '/assets/xxxx' });
  });

  it('reads Tomcat durations, users and X-Forwarded-For', () => {
    const { txs } = parseFile('elastic_parser_fixtures/tomcat/integrations_apache_tomcat_test-access.log', 'tomcat', {
      trustedProxies: ['81.2.69.144'],
    });
    expect(txs[0]).toMatchObject({
      durationMs: 400,
      userId: 'admin',
      clientIp: '127.0.0.2',
      status: 200,
      bytes: 20486,
    });
    expect(txs[1]).toMatchObject({ status: 302, bytes: 0 });
    expect(txs[9]).toMatchObject({ status: 400, method: '', durationMs: 0, userId: undefined });
    expect(txs[10]).toMatchObject({ method: 'GET', url: '/', bytes: 17 });
    expect(txs[11].durationMs).toBe(71198);
  });

  it('follows #Fields changes and reads IIS cookies, users and time-taken', () => {
    const iis = parseFile('elastic_parser_fixtures/iis/beats_filebeat_iis_access_test.log', 'w3c').txs;
    expect(iis[0]).toMatchObject({
      time: Date.UTC(2018, 0, 1, 8, 9, 10),
      url: '/?q=100',
      route: '/',
      clientIp: '81.2.69.143',
      durationMs: 123,
      userAgent: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:57.0) Gecko/20100101 Firefox/57.0',
    });
    expect(iis[1]).toMatchObject({ clientIp: '127.0.0.1', bytes: 123, durationMs: 789 });
    const webtrends = parseFile('iis_w3c/brianary_ex960101.log', 'w3c', { visitorCookie: 'WEBTRENDS_ID' }).txs;
    expect(webtrends[0].visitorId).toBeUndefined();
    expect(webtrends[1].visitorId).toBe('195.52.225.44-100386000.29188902');
    const exchange = parseFile('elastic_parser_fixtures/iis/integrations_iis10-access_nohdr.log', 'w3c').txs;
    expect(exchange[3]).toMatchObject({ userId: 'EXAMPLE\\user01', clientIp: '10.119.1.75', durationMs: 52 });
    expect(exchange[7]).toMatchObject({ bytes: 862954, durationMs: 12, clientIp: '172.16.2.4' });
    const native = parseFile('iis_w3c/brianary_ex010320.log', 'w3c').txs;
    expect(native[0]).toMatchObject({
      time: Date.UTC(2001, 2, 20, 7, 55, 20),
      clientIp: '192.168.114.201',
      durationMs: 4502,
      bytes: 3223,
      url: '/DeptLogo.gif',
    });
  });
});
