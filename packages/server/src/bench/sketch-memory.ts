/**
 * Bytes per sketch at a few cardinalities: our serialized size (sparse or dense, as stored in Redis or a
 * rollup row) and in-memory registers, beside the length Redis itself stores for the same ids, and the
 * bloom-filters HyperLogLog's JSON export (its only serialized form).
 */
import type { Redis } from 'ioredis';
import bloomFilters from 'bloom-filters';
import { HyperLogLog } from '@promptops/sketch';
import { TrialIds } from './sketch-inputs.js';

export interface MemoryRow {
  distinct: number;
  oursBytes: number;
  oursEncoding: string;
  oursMemory: number;
  redisBytes?: number;
  redisEncoding?: string;
  peerJsonBytes: number;
}

export async function measureMemory(
  cardinalities: number[],
  redis: Redis | undefined,
  keyPrefix: string,
): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const n of cardinalities) {
    const gen = new TrialIds(9000 + n);
    const ids = new Array<string>(n);
    gen.fill(ids, 0, n);
    const h = new HyperLogLog();
    for (const id of ids) h.add(id);
    const bytes = h.toBytes();
    const peer = new bloomFilters.HyperLogLog(16384);
    for (const id of ids.slice(0, 2000)) peer.update(id); // its JSON size does not depend on n
    const row: MemoryRow = {
      distinct: n,
      oursBytes: bytes.length,
      oursEncoding: bytes[4] === 1 ? 'sparse' : 'dense',
      oursMemory: h.memoryBytes,
      peerJsonBytes: JSON.stringify(peer.saveAsJSON()).length,
    };
    if (redis !== undefined) {
      const key = `${keyPrefix}mem:${n}`;
      await redis.del(key);
      for (let i = 0; i < n; i += 1000) await redis.pfadd(key, ...ids.slice(i, i + 1000));
      const stored = await redis.getBuffer(key);
      await redis.del(key);
      if (stored !== null) {
        row.redisBytes = stored.length;
        row.redisEncoding = stored[4] === 1 ? 'sparse' : 'dense';
      }
    }
    rows.push(row);
  }
  return rows;
}
