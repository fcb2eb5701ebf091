/**
 * Failover proof with real Redis processes: sessions created and then updated (the compare-and-set
 * script) through an Express app with `minReplicas: 1` (each write acknowledged by a replica) are all
 * still readable, with the update, through the app after
 * the primary holding them is SIGKILLed, on Sentinel (1 primary, 1 replica, 3 sentinels) and on
 * Cluster (3 primaries, 3 replicas). Prints the time to recover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@promptops/session';
import type { SessionStore } from '@promptops/session';
import { findBinary, requireService } from './support/services.js';
import { RedisGroup, cli } from '../packages/session/test/redis-processes.js';
import { Browser } from '../packages/session/test/http-client.js';
import { expressApp } from '../packages/session/test/apps.js';
import type { RunningApp } from '../packages/session/test/apps.js';

const hasRedis = requireService('redis-server', findBinary('redis-server') !== undefined, 'install redis-server');
const USERS = 30;

interface LoggedIn {
  browser: Browser;
  user: string;
  sessionId: string;
}

async function loginAll(app: RunningApp): Promise<LoggedIn[]> {
  const out: LoggedIn[] = [];
  for (let i = 0; i < USERS; i++) {
    const browser = new Browser();
    const user = `user-${i}`;
    const r = await browser.request(`${app.url}/login?user=${user}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // An update of the acknowledged session (the compare-and-set script), also to survive the kill.
    const add = await browser.request(`${app.url}/slow-add?item=${user}&ms=0`);
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    out.push({ browser, user, sessionId: String(r.body.sessionId) });
  }
  return out;
}

/** Reads every session through the app after the kill; returns ms until all were read back. */
async function readAllAfterKill(
  app: RunningApp,
  sessions: LoggedIn[],
  killedAt: number,
): Promise<{ firstMs: number; allMs: number }> {
  let firstMs = -1;
  const results = await Promise.all(
    sessions.map(async (s) => {
      const r = await s.browser.request(`${app.url}/peek`);
      if (firstMs < 0) firstMs = Date.now() - killedAt;
      return { s, r };
    }),
  );
  const allMs = Date.now() - killedAt;
  for (const { s, r } of results) {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.userId).toBe(s.user);
    expect(r.body.cart).toEqual([s.user]);
  }
  return { firstMs, allMs };
}

describe.skipIf(!hasRedis)('failover with acknowledged writes', () => {
  describe('Sentinel: 1 primary, 1 replica, 3 sentinels', () => {
    const group = new RedisGroup();
    let store: SessionStore;
    let app: RunningApp;
    let topo: { url: string; primary: number; replica: number };

    beforeAll(async () => {
      topo = await group.startSentinel(6420);
      store = createSessionStore({
        backend: topo.url,
        instance: 'sentinel-app',
        minReplicas: 1,
        // Generous for a loaded 2-core CI machine; a replica normally acknowledges in well under 1 ms.
        replicaAckTimeoutMs: 5000,
        // Below the test client's 30 s timeout, so a failover that takes too long shows as a 503.
        failoverTimeoutMs: 25_000,
      });
      await store.ready();
      app = await expressApp(store);
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await group.stop();
    });

    it('every acknowledged login survives SIGKILL of the primary', async () => {
      const sessions = await loginAll(app);
      const killedAt = Date.now();
      group.kill(topo.primary);
      // Diagnostics for a slow run: when the sentinels elected and what they report.
      const watch = setInterval(() => {
        void cli(6422, 'sentinel', 'get-master-addr-by-name', 'posess')
          .then((a) =>
            console.log(`[session failover] +${Date.now() - killedAt} ms sentinel reports ${a.replace('\n', ':')}`),
          )
          .catch(() => undefined);
      }, 2000);
      const t = await readAllAfterKill(app, sessions, killedAt).finally(() => clearInterval(watch));
      const role = await cli(topo.replica, 'role');
      expect(role.split('\n')[0]).toBe('master');
      console.log(
        `[session failover] sentinel: ${USERS} sessions, first read ${t.firstMs} ms, all read ${t.allMs} ms after SIGKILL (down-after-milliseconds 1000)`,
      );
      expect(t.allMs).toBeLessThan(30_000);
    });
  });

  describe('Cluster: 3 primaries, 3 replicas', () => {
    const group = new RedisGroup();
    let store: SessionStore;
    let app: RunningApp;
    let ports: number[];

    beforeAll(async () => {
      const c = await group.startCluster(6430);
      ports = c.ports;
      store = createSessionStore({
        backend: c.url,
        instance: 'cluster-app',
        minReplicas: 1,
        replicaAckTimeoutMs: 5000,
        failoverTimeoutMs: 25_000,
      });
      await store.ready();
      app = await expressApp(store);
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await group.stop();
    });

    it('every acknowledged login survives SIGKILL of the primary holding it', async () => {
      const sessions = await loginAll(app);
      // The primary that holds the most sessions is the one to kill.
      const counts = await Promise.all(
        ports.slice(0, 3).map(async (p) => {
          const role = (await cli(p, 'role')).split('\n')[0];
          const keys =
            role === 'master' ? (await cli(p, '--scan', '--pattern', 'po:sess:{*}')).split('\n').filter(Boolean) : [];
          return { port: p, keys: keys.filter((k) => !k.endsWith(':ended')).length };
        }),
      );
      const victim = counts.sort((a, b) => b.keys - a.keys)[0];
      expect(victim.keys).toBeGreaterThan(0);
      const killedAt = Date.now();
      group.kill(victim.port);
      const t = await readAllAfterKill(app, sessions, killedAt);
      console.log(
        `[session failover] cluster: killed primary :${victim.port} holding ${victim.keys} of ${USERS} sessions; first read ${t.firstMs} ms, all read ${t.allMs} ms after SIGKILL (cluster-node-timeout 1000)`,
      );
      expect(t.allMs).toBeLessThan(30_000);
    });
  });
});
