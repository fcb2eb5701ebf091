/**
 * The ask engine's tool contract: typed, read-only capabilities over the collector (name, description,
 * zod input schema, `run(ctx, input)` → `{data, evidence, caveats}`). The answer composer calls them per
 * intent; the MCP server exposes the same registry one-to-one, so a tool never formats prose and never
 * writes anything.
 */
import type { z } from 'zod';
import type { CollectorReadApi } from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import type { Store } from '../../store/store.js';

/** Where a figure came from: the layers an answer's evidence names. */
export const EVIDENCE_LAYERS = ['live-collector', 'live-session-store', 'history-rollups', 'raw-transactions'] as const;
export type EvidenceLayer = (typeof EVIDENCE_LAYERS)[number];

/** One piece of evidence behind an answer: what was read, by which call, over which range, how much. */
export interface ToolEvidence {
  /** `${tool name}#n` (`concurrent_users_now#1`), unique within one answer; facts cite these. */
  id: string;
  layer: EvidenceLayer;
  /** The read made, e.g. `collector.series({metric:"ccu",step:"1h",…})`. */
  call: string;
  description: string;
  /** ISO 8601 (UTC), half-open. */
  range: { from: string; to: string };
  /** Rows or points read. */
  rows: number;
  /** Relative half-width of the sketch's error band (0.0081 at m = 16384), when the figures are estimates. */
  errorBand?: number;
}

export interface ToolResult<D> {
  data: D;
  evidence: ToolEvidence[];
  /** Limits of the figures: identification mode, missing data, estimates that cannot tell a change. */
  caveats: string[];
}

/** Capacity planning inputs from configuration (absent values are learnt from history or asked for). */
export interface CapacityConfig {
  /** CCU one server carries before degrading; learnt from history when absent. */
  capacityPerServer?: number;
  /** Share of capacity to run at, at peak (default 0.7). */
  targetUtilisation?: number;
  /** Margin over the planned peak (default 0.2). */
  headroom?: number;
}

/** What every tool runs against. */
export interface ToolContext {
  collector: CollectorReadApi;
  /** The clock every "now" and default range uses, epoch ms. */
  now: number;
  /** IANA zone of the deployment (tables and echoes show local times). */
  timeZone: string;
  /** Active window W of the CCU definition, seconds. */
  windowSeconds: number;
  /** Collected identification modes; the first is the default for answers. */
  modes: readonly UserKeyMode[];
  capacity: CapacityConfig;
  /**
   * The collector's store, for the incident analyses that read raw transactions, metrics and logs
   * (RCA, OOM, security, surges); absent behind a read-only API, and those tools then say so.
   */
  store?: Store;
  /** HLL precision of the collector's sketches (band ±1.04/√2^p); default 14. */
  precision?: number;
}

export interface AskTool<S extends z.ZodTypeAny = z.ZodTypeAny, D = unknown> {
  /** snake_case, stable: the MCP tool name. */
  name: string;
  /** One line for people and for the MCP client's model. */
  description: string;
  input: S;
  run(ctx: ToolContext, input: z.infer<S>): Promise<ToolResult<D>>;
}

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<S extends z.ZodTypeAny, D>(tool: AskTool<S, D>): AskTool<S, D> {
  return tool;
}
