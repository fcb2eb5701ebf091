/**
 * Ingest parser throughput: lines per second for each access-log layout on the real Apache log
 * (`elastic_apache_logs/apache_logs`, 10 k lines, repeated), derived into the other layouts line by
 * line, beside a naive single-regular-expression combined parser measured in the same run. Every
 * parser builds the same Transaction objects, so the ratio is the cost of the scanning strategy.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../model/transaction.js';
import { createAccessLogParser } from '../ingest/access-log/create-access-log-parser.js';
import type { AccessLogParserOptions } from '../ingest/access-log/access-log-options.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const APACHE_LOG = path.resolve(REPO_ROOT, '../shared/data/elastic_apache_logs/apache_logs');

/** The regex most log importers start with: one expression, named groups, then field conversion. */
const NAIVE =
  /^(\S+) (\S+) (\S+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(\S*) ?(\S*) ?(\S*)" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

function naiveParse(line: string): Transaction | undefined {
  const m = NAIVE.exec(line);
  if (!m) return undefined;
  const zone = Number(m[10]);
  const offset = Math.sign(zone) * (Math.floor(Math.abs(zone) / 100) * 60 + (Math.abs(zone) % 100));
  const time =
    Date.UTC(Number(m[6]), MONTHS.indexOf(m[5]) / 3, Number(m[4]), Number(m[7]), Number(m[8]), Number(m[9])) -
    offset * 60_000;
  const url = m[12];
  const q = url.indexOf('?');
  const status = Number(m[14]);
  return {
    time,
    durationMs: 0,
    status,
    error: status >= 500,
    method: m[11],
    url,
    route: q < 0 ? url : url.slice(0, q),
    instance: 'bench',
    service: 'bench',
    clientIp: m[1],
    sessionId: undefined,
    visitorId: undefined,
    userId: m[3] === '-' ? undefined : m[3],
    userAgent: m[17] === '-' ? undefined : m[17],
    bytes: m[15] === '-' ? 0 : Number(m[15]),
  };
}

/** Turns one real combined line into the same request in another layout. */
function derive(lines: string[], format: string): string[] {
  return lines.map((line, i) => {
    const d = (i * 7919) % 5000;
    if (format === 'common') return line.slice(0, line.indexOf('"', line.indexOf('" ') + 2) - 1);
    if (format === 'nginx') return `${line} "-" ${(d / 1000).toFixed(3)} ${(d / 1000).toFixed(3)}`;
    if (format === 'tomcat-pattern') return `${line.slice(0, line.indexOf('"', line.indexOf('" ') + 2) - 1)} ${d}`;
    if (format === 'w3c') {
      const m = NAIVE.exec(line);
      if (!m) return '#Remark: unparsable';
      const [path, query] = m[12].split('?');
      const ua = (m[17] ?? '-').replace(/ /g, '+') || '-';
      return `2015-05-17 ${m[7]}:${m[8]}:${m[9]} ${m[1]} ${m[11] || '-'} ${path || '-'} ${query ?? '-'} 80 - ${ua} ${m[14]} 0 0 ${m[15]} ${d}`;
    }
    return line;
  });
}

interface Case {
  name: string;
  lines: string[];
  run: (lines: string[]) => number;
}

function parserCase(name: string, lines: string[], options: AccessLogParserOptions): Case {
  return {
    name,
    lines,
    run: (ls) => {
      const p = createAccessLogParser(options);
      let ok = 0;
      for (let i = 0; i < ls.length; i++) {
        const r = p.parseLine(ls[i], i + 1);
        if (r !== null && !('reason' in r)) ok++;
      }
      return ok;
    },
  };
}

function buildCases(repeat: number): Case[] {
  const base = readFileSync(APACHE_LOG, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const many = (ls: string[]) => Array.from({ length: repeat }, () => ls).flat();
  const w3cLines = [
    '#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query s-port cs-username cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes time-taken',
    ...derive(base, 'w3c'),
  ];
  return [
    parserCase('combined (hand-rolled)', many(base), { format: 'combined', instance: 'bench' }),
    parserCase('common (hand-rolled)', many(derive(base, 'common')), { format: 'common', instance: 'bench' }),
    parserCase('nginx main + $request_time', many(derive(base, 'nginx')), { format: 'nginx', instance: 'bench' }),
    parserCase('combined via pattern string', many(base), {
      format: 'combined',
      instance: 'bench',
      pattern: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
    }),
    parserCase('tomcat pattern `%h %l %u %t "%r" %s %b %D`', many(derive(base, 'tomcat-pattern')), {
      format: 'tomcat',
      instance: 'bench',
      pattern: '%h %l %u %t "%r" %s %b %D',
    }),
    parserCase('IIS W3C extended', many(w3cLines), { format: 'w3c', instance: 'bench' }),
    {
      name: 'combined, naive single regex (peer)',
      lines: many(base),
      run: (ls) => {
        let ok = 0;
        for (const l of ls) if (naiveParse(l)) ok++;
        return ok;
      },
    },
  ];
}

/** One timed round of one case in this process: warm-up, then lines/s and accepted count. */
interface Timing {
  /** Lines per wall-clock second. */
  rate: number;
  /** Lines per second of CPU time used by the process: per-core throughput, robust to a busy machine. */
  cpuRate: number;
  ok: number;
}

function timeCase(c: Case): Timing {
  c.run(c.lines.slice(0, 50_000));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const ok = c.run(c.lines);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { rate: c.lines.length / wall, cpuRate: c.lines.length / ((cpu.user + cpu.system) / 1e6), ok };
}

const SELF = fileURLToPath(import.meta.url);

/**
 * Each round of each parser runs in a fresh Node process: in one process the parsers share call
 * sites (and the JIT's type feedback) and whichever ran first would be favoured. Rounds are
 * interleaved across parsers so load changes on a shared machine hit every parser alike.
 */
function timeInChild(index: number, repeat: number): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, String(index), String(repeat)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench child ${index} exited with ${code}`));
      else resolve(JSON.parse(out) as Timing);
    });
  });
}

export const bench: BenchModule = {
  description: 'access-log parser lines/s per layout on the real Apache log, beside a naive single-regex parser',
  async run({ quick, params, log }) {
    if (!existsSync(APACHE_LOG)) return `${machineHeader('Ingest parsers')}\nskipped: ${APACHE_LOG} is absent`;
    const repeat = Number(params.repeat ?? (quick ? 5 : 30));
    const rounds = Number(params.rounds ?? (quick ? 1 : 5));
    const cases = buildCases(1);
    const samples: number[][] = cases.map(() => []);
    const wallSamples: number[][] = cases.map(() => []);
    const okCounts: number[] = cases.map(() => 0);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < cases.length; i++) {
        const { rate, cpuRate, ok } = await timeInChild(i, repeat);
        samples[i].push(cpuRate);
        wallSamples[i].push(rate);
        okCounts[i] = ok;
      }
      log(`round ${r + 1}/${rounds} done`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rates = samples.map(median);
    const wallRates = wallSamples.map(median);
    const naiveRate = rates[cases.findIndex((c) => c.name.includes('naive'))];
    const rows = cases.map((c, i) => {
      const lines = c.lines.length * repeat;
      const ok = okCounts[i];
      const okText = ok === lines || c.name.includes('W3C') ? ok.toLocaleString('en') : `${ok} (!)`;
      const spread = samples[i].map((s) => (s / 1e6).toFixed(2)).join(' / ');
      return `| ${c.name} | ${lines.toLocaleString('en')} | ${okText} | ${(rates[i] / 1e6).toFixed(2)} | ${spread} | ${(wallRates[i] / 1e6).toFixed(2)} | ${(rates[i] / naiveRate).toFixed(2)}× |`;
    });
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    return [
      machineHeader('Ingest parsers'),
      `- load average at the end (1, 5, 15 min): ${load} on ${os.cpus().length} cores — wall-clock rates fall with load, CPU-time rates much less`,
      '',
      `Input: the 10 000 real lines of \`elastic_apache_logs/apache_logs\` × ${repeat}, derived line by line into each layout. Each parser runs in a fresh Node process per round (warm-up of 50 000 lines, then the timed pass), ${rounds} rounds interleaved across parsers; single thread; every parser builds the same Transaction objects. Rates per CPU-second (the process's user + system time) are the per-core throughput and hold up on a busy machine; wall-clock rates are shown beside them.`,
      '',
      '| parser | lines | accepted | median M lines per CPU-second | rounds | median M lines per wall second | vs naive regex (CPU) |',
      '|---|---:|---:|---:|---|---:|---:|',
      ...rows,
    ].join('\n');
  },
};

if (process.argv[1] === SELF && process.argv[2] !== undefined) {
  const c = buildCases(Number(process.argv[3]))[Number(process.argv[2])];
  process.stdout.write(JSON.stringify(timeCase(c)));
}
