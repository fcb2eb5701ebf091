/**
 * Starts real Redis processes for the session tests: a standalone server, a Sentinel group (1 primary,
 * 1 replica, 3 sentinels) and a Cluster (3 primaries, 3 replicas), each on loopback ports in temp
 * directories, with short failure-detection timeouts so failovers finish in a few seconds.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface RedisProcess {
  port: number;
  child: ChildProcess;
}

export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 5000 });
  return stdout.trim();
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export class RedisGroup {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'po-session-redis-'));
  readonly processes = new Map<number, RedisProcess>();

  async start(port: number, extra: string[] = [], configFile?: string): Promise<RedisProcess> {
    const args = [
      ...(configFile ? [configFile] : []),
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--dir',
      this.dir,
      ...extra,
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    const p = { port, child };
    this.processes.set(port, p);
    await waitFor(`redis on ${port}`, async () => (await cli(port, 'ping')) === 'PONG');
    return p;
  }

  kill(port: number): void {
    const p = this.processes.get(port);
    p?.child.kill('SIGKILL');
    this.processes.delete(port);
  }

  async stop(): Promise<void> {
    for (const port of [...this.processes.keys()]) this.kill(port);
    await sleep(100);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** 1 primary, 1 replica, 3 sentinels on ports base..base+4; returns the sentinel URL. */
  async startSentinel(base: number, name = 'posess'): Promise<{ url: string; primary: number; replica: number }> {
    const primary = base;
    const replica = base + 1;
    await this.start(primary);
    await this.start(replica, ['--replicaof', '127.0.0.1', String(primary)]);
    await waitFor('replica sync', async () =>
      (await cli(replica, 'info', 'replication')).includes('master_link_status:up'),
    );
    const sentinels = [base + 2, base + 3, base + 4];
    for (const sp of sentinels) {
      const conf = path.join(this.dir, `sentinel-${sp}.conf`);
      writeFileSync(
        conf,
        [
          `sentinel monitor ${name} 127.0.0.1 ${primary} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      await this.start(sp, ['--sentinel'], conf);
    }
    await waitFor('sentinels to see the replica and each other', async () => {
      const out = await cli(sentinels[0], 'sentinel', 'master', name);
      const lines = out.split('\n');
      const field = (k: string) => lines[lines.indexOf(k) + 1];
      return field('num-slaves') === '1' && field('num-other-sentinels') === '2';
    });
    return { url: `redis+sentinel://${sentinels.map((p) => `127.0.0.1:${p}`).join(',')}/${name}`, primary, replica };
  }

  /** 3 primaries and 3 replicas on ports base..base+5; returns the cluster URL. */
  async startCluster(base: number): Promise<{ url: string; ports: number[] }> {
    const ports = [0, 1, 2, 3, 4, 5].map((i) => base + i);
    for (const p of ports) {
      await this.start(p, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${p}.conf`,
        '--cluster-node-timeout',
        '1000',
        // Lets a replica take over even if it lost contact with its primary a while ago (test speed).
        '--cluster-replica-validity-factor',
        '0',
      ]);
    }
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'],
      { timeout: 30_000 },
    );
    await waitFor(
      'cluster state ok',
      async () => {
        for (const p of ports) if (!(await cli(p, 'cluster', 'info')).includes('cluster_state:ok')) return false;
        return true;
      },
      30_000,
    );
    return {
      url: `redis+cluster://${ports
        .slice(0, 3)
        .map((p) => `127.0.0.1:${p}`)
        .join(',')}`,
      ports,
    };
  }
}

export { waitFor, sleep };
