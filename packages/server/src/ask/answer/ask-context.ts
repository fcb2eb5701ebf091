/**
 * Builds the ask context from a collector: the clock, the zone, the window and modes it collects (read
 * from its live snapshot, so a served collector behind the read API is enough).
 */
import type { CollectorReadApi } from '../../collector/collector-types.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_TIME_ZONE } from '../parse/index.js';
import type { CapacityConfig } from '../tools/tool-types.js';
import type { AnswerContext } from './answer-types.js';

export function askContextOf(
  collector: CollectorReadApi,
  options: { now?: number; timeZone?: string; capacity?: CapacityConfig; reportsAvailable?: boolean } = {},
): AnswerContext {
  const snap = collector.liveSnapshot();
  // The collector class carries its store and configuration; a plain read API does not (the incident
  // tools then answer that they need it).
  const full = collector as CollectorReadApi & { store?: Store; config?: { precision?: number } };
  return {
    ...(full.store === undefined ? {} : { store: full.store }),
    ...(full.config?.precision === undefined ? {} : { precision: full.config.precision }),
    collector,
    now: options.now ?? snap.at,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    windowSeconds: snap.windowSeconds,
    modes: snap.modes,
    capacity: options.capacity ?? {},
    instances: snap.instances.map((i) => i.instance),
    reportsAvailable: options.reportsAvailable ?? false,
  };
}
