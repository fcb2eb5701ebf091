/**
 * What a report is built from: the collector's read side, the clock, the deployment's time zone and
 * identification modes, and capacity settings. Structurally the ask engine's tool context, so the ask
 * engine passes its own. When the collector also exposes its store (the embedded collector does), the
 * report reads the rows the series API does not carry: per-instance discovery, latency histograms and
 * the raw CPU/memory samples the incident analysis needs.
 */
import type { CollectorReadApi } from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import type { Store } from '../../store/store.js';

export interface ReportCapacityConfig {
  /** CCU one server carries before degrading; learnt from history when absent. */
  capacityPerServer?: number;
  /** Share of capacity to run at, at peak (default 0.7). */
  targetUtilisation?: number;
  /** Margin over the planned peak (default 0.2). */
  headroom?: number;
}

export type ReportCollector = CollectorReadApi & {
  /** The embedded collector's store; optional so any read API (a remote one) still makes a report. */
  readonly store?: Pick<Store, 'queryRollups' | 'queryMetrics'>;
};

export interface ReportContext {
  collector: ReportCollector;
  /** Epoch ms of "now": default periods end before it. */
  now: number;
  /** IANA zone of the deployment (default Asia/Seoul). */
  timeZone: string;
  /** Active window W of the CCU definition, seconds. */
  windowSeconds: number;
  /** Collected identification modes; the first is the one reports use. */
  modes: readonly UserKeyMode[];
  capacity?: ReportCapacityConfig;
}

export const DEFAULT_REPORT_TIME_ZONE = 'Asia/Seoul';
