/**
 * Store outage seen from the app: with Redis gone, requests answer a clear JSON 503 within the
 * failover budget (nothing hangs), and the app recovers by itself when Redis is back. A write that
 * cannot reach `minReplicas` replicas is refused with 503 `not_durable` instead of being acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@promptops/session';
import type { SessionStore } from '@promptops/session';
import { findBinary, requireService } from './support/services.js';
import { RedisGroup, cli, waitFor } from '../packages/session/test/redis-processes.js';
import { Browser } from '../packages/session/test/http-client.js';
import { expressApp } from '../packages/session/test/apps.js';
import type { RunningApp } from '../packages/session/test/apps.js';

const hasRedis = requireService('redis-server', findBinary('redis-server') !== undefined, 'install redis-server');

describe.skipIf(!hasRedis)('session store outage', () => {
  const group = new RedisGroup();
  const stores: SessionStore[] = [];
  const apps: RunningApp[] = [];
  beforeAll(async () => {
    await group.start(6411);
    await group.start(6412);
    await group.start(6413, ['--replicaof', '127.0.0.1', '6412']);
    await waitFor('replica sync', async () =>
      (await cli(6413, 'info', 'replication')).includes('master_link_status:up'),
    );
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(stores.map((s) => s.close()));
    await group.stop();
  });

  it('answers 503 within the failover budget while Redis is down and recovers by itself', async () => {
    const store = createSessionStore({
      backend: 'redis://127.0.0.1:6411',
      instance: 'outage',
      failoverTimeoutMs: 1500,
      commandTimeoutMs: 500,
    });
    stores.push(store);
    const app = await expressApp(store);
    apps.push(app);
    const b = new Browser();
    expect((await b.request(`${app.url}/login?user=gina`)).status).toBe(200);

    group.kill(6411);
    const t0 = Date.now();
    const during = await Promise.all([b.clone(), b.clone(), b.clone()].map((x) => x.request(`${app.url}/peek`)));
    const waited = Date.now() - t0;
    for (const r of during) {
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: 'unavailable' } });
    }
    expect(waited).toBeLessThan(4000);

    await group.start(6411);
    const restartedAt = Date.now();
    let status = 0;
    while (Date.now() - restartedAt < 15_000) {
      status = (await new Browser().request(`${app.url}/login?user=gina2`)).status;
      if (status === 200) break;
    }
    expect(status).toBe(200);
    console.log(
      `[session outage] 503 after ${waited} ms with Redis down (budget 1500 ms); serving again ${Date.now() - restartedAt} ms after Redis restarted`,
    );
  });

  it('refuses to acknowledge a login no replica has (minReplicas: 1)', async () => {
    const store = createSessionStore({
      backend: 'redis://127.0.0.1:6412',
      instance: 'durable',
      minReplicas: 1,
      replicaAckTimeoutMs: 300,
      failoverTimeoutMs: 1000,
    });
    stores.push(store);
    const app = await expressApp(store);
    apps.push(app);
    expect((await new Browser().request(`${app.url}/login?user=hana`)).status).toBe(200);
    group.kill(6413);
    await new Promise((r) => setTimeout(r, 200));
    const r = await new Browser().request(`${app.url}/login?user=ivan`);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ error: { code: 'not_durable' } });
  });
});
