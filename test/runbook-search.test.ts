/**
 * Runbook search: Korean questions find Korean passages through Hangul bigrams (particles and endings
 * differ between question and text), English finds English, and every hit cites file and heading.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO_RUNBOOK_DIR,
  RunbookIndex,
  resolveRunbookDir,
  runbooksForIntent,
  withRunbooks,
  searchRunbooks,
  splitMarkdown,
  tokenizeMixed,
} from '../packages/server/src/ask/runbooks/index.js';

describe('tokenizeMixed', () => {
  it('splits Hangul into bigrams and keeps Latin words and numbers whole', () => {
    expect(tokenizeMixed('CPU 급증한 was-2, p95')).toEqual(['cpu', '급증', '증한', 'was', '2', 'p95']);
    expect(tokenizeMixed('OutOfMemoryError가 났어')).toEqual(['outofmemoryerror', '가', '났어']);
  });
});

describe('splitMarkdown', () => {
  it('makes one passage per heading section with the heading path, ignoring # inside code fences', () => {
    const md = '# Title\nintro\n## A\ntext a\n```\n# not a heading\n```\n### A1\ndeep\n## B\ntext b\n';
    const ps = splitMarkdown('x.md', md);
    expect(ps.map((p) => p.heading)).toEqual(['Title', 'Title › A', 'Title › A › A1', 'Title › B']);
    expect(ps[1]!.text).toContain('# not a heading');
  });
});

describe('the demo runbooks', () => {
  it('answer Korean questions with the Korean runbook, whatever the particles', async () => {
    const hits = await searchRunbooks('로그인 시도가 급증했는데 어떻게 막아요?', { limit: 3 });
    expect(hits[0]!.file).toBe('brute-force-login.md');
    expect(hits[0]!.heading).toMatch(/^로그인 무차별 대입 공격/);
    expect(hits[0]!.excerpt.length).toBeLessThanOrEqual(302);
  });

  it('answer English questions and cite the section', async () => {
    const hits = await searchRunbooks('java heap OutOfMemoryError export', { limit: 3, dir: DEMO_RUNBOOK_DIR });
    expect(hits[0]!.file).toBe('oom.md');
    expect(hits.every((h) => h.score > 0)).toBe(true);
    const failover = await searchRunbooks('세션 저장소 페일오버 Sentinel', { limit: 1 });
    expect(failover[0]!.file).toBe('session-store-failover.md');
    const cpu = await searchRunbooks('CPU 급증 원인', { limit: 1 });
    expect(cpu[0]!.file).toBe('cpu-spike.md');
  });

  it('ranks nothing for words no runbook has and validates the query', async () => {
    expect(await searchRunbooks('zebra quantum banana', { limit: 3 })).toEqual([]);
    await expect(searchRunbooks('   ')).rejects.toThrow();
  });
});

describe('an operator folder', () => {
  const tmp: string[] = [];
  afterAll(async () => {
    for (const d of tmp) await rm(d, { recursive: true, force: true });
  });

  it('is preferred from the data dir and indexed recursively', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'promptops-rb-'));
    tmp.push(data);
    await mkdir(path.join(data, 'runbooks', 'notes'), { recursive: true });
    await writeFile(path.join(data, 'runbooks', 'notes', 'dns.md'), '# DNS 장애\n## 조치\n리졸버를 교체한다.\n');
    const dir = resolveRunbookDir({ dataDir: data });
    expect(dir).toBe(path.join(data, 'runbooks'));
    const index = await RunbookIndex.load(dir);
    expect(index.files).toEqual(['notes/dns.md']);
    const hits = index.searchPassages('리졸버 교체');
    expect(hits[0]).toMatchObject({ file: 'notes/dns.md', heading: 'DNS 장애 › 조치' });
    expect(resolveRunbookDir({ dataDir: path.join(data, 'absent') })).toBe(DEMO_RUNBOOK_DIR);
  });

  it('reports a missing folder as not_found', async () => {
    await expect(RunbookIndex.load('/nonexistent/runbooks')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('runbooksForIntent', () => {
  it('cites the runbook of an incident intent even when the question names no symptom', async () => {
    const cpu = await runbooksForIntent('rca.cpu_spike', '어제 오후 3시에 왜 느렸어?');
    expect(cpu[0]!.file).toBe('cpu-spike.md');
    expect(cpu[0]!.citation).toBe(`cpu-spike.md › ${cpu[0]!.heading}`);
    const oom = await runbooksForIntent('rca.oom', 'why did was-2 crash?');
    expect(oom[0]!.file).toBe('oom.md');
    const login = await runbooksForIntent('security.login_burst', 'who is hammering us?');
    expect(login[0]!.file).toBe('brute-force-login.md');
  });

  it('cites nothing for plain figures', async () => {
    expect(await runbooksForIntent('concurrent_users.now', '지금 동접 몇 명?')).toEqual([]);
    const plain = { intent: 'concurrent_users.now' as const, answer: '12,345명' };
    expect(await withRunbooks(plain, '지금 동접 몇 명?')).toEqual(plain);
    const oom = await withRunbooks({ intent: 'rca.oom' as const }, 'OOM 원인', { dir: '/nonexistent' });
    expect(oom).toEqual({ intent: 'rca.oom' });
  });
});
