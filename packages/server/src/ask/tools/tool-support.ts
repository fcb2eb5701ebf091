/**
 * What the tools share: input schema pieces (instants, ranges, modes), the mode check, the evidence
 * builder and the "live or history" decision. Kept here so every tool reads the same way.
 */
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { USER_KEY_MODES, type UserKeyMode } from '../../model/transaction.js';
import type { Evidence } from '../../analysis/evidence.js';
import type { Store } from '../../store/store.js';
import type { EvidenceLayer, ToolContext, ToolEvidence } from './tool-types.js';

/** An instant: ISO 8601 text (what the parser and MCP clients give). */
export const instantSchema = z.string().datetime({ offset: true }).describe('ISO 8601 instant');
export const rangeSchema = z
  .object({ from: instantSchema, to: instantSchema })
  .strict()
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), 'from must be before to');
export const modeSchema = z.enum(USER_KEY_MODES).describe('identification mode (default: the first collected)');
export const instanceSchema = z.string().min(1).max(256).describe('instance name');

/** Half-width of the HLL error band relative to the value at precision 14. */
export const HLL_ERROR_BAND = 1.04 / Math.sqrt(16_384);

/** Instants closer to now than this are answered from live state. */
export const LIVE_HORIZON_MS = 10_000;

export function ms(iso: string): number {
  return Date.parse(iso);
}

export function iso(t: number): string {
  return new Date(t).toISOString();
}

export function isLive(ctx: ToolContext, at: number): boolean {
  return Math.abs(ctx.now - at) <= LIVE_HORIZON_MS;
}

/** The mode answers use: the asked one if collected, else an error naming what is collected. */
export function modeOf(ctx: ToolContext, mode: UserKeyMode | undefined): UserKeyMode {
  const m = mode ?? ctx.modes[0] ?? 'ip';
  if (!ctx.modes.includes(m))
    throw new PromptOpsError(
      'invalid_parameter',
      `mode '${m}' is not collected (collected: ${ctx.modes.join(', ')}); start the collector with --mode ${[...ctx.modes, m].join(',')}`,
    );
  return m;
}

/** What each identification mode gets wrong, per the product reference (shown with every CCU figure). */
export function modeCaveat(mode: UserKeyMode): string {
  switch (mode) {
    case 'ip':
      return 'mode ip: users behind one NAT address count once, so the figure undercounts offices and mobile carriers';
    case 'session':
      return 'mode session: expired and re-created sessions count again, so the figure overcounts churn';
    case 'cookie':
      return 'mode cookie: browsers that refuse the visitor cookie are not counted';
    case 'user':
      return 'mode user: only signed-in users are counted (anonymous visitors and bots are not)';
  }
}

/** Numbers evidence within one tool run: `${tool}#1`, `${tool}#2`… */
export class EvidenceLog {
  readonly items: ToolEvidence[] = [];
  constructor(private readonly tool: string) {}

  add(e: {
    layer: EvidenceLayer;
    call: string;
    description: string;
    from: number;
    to: number;
    rows: number;
    errorBand?: number;
  }): string {
    const id = `${this.tool}#${this.items.length + 1}`;
    this.items.push({
      id,
      layer: e.layer,
      call: e.call,
      description: e.description,
      range: { from: iso(e.from), to: iso(e.to) },
      rows: e.rows,
      ...(e.errorBand === undefined ? {} : { errorBand: e.errorBand }),
    });
    return id;
  }
}

/** Compact JSON of a call's arguments for evidence lines (undefined fields dropped). */
export function callOf(fn: string, args: Record<string, unknown>): string {
  const shown = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  return `${fn}(${JSON.stringify(shown)})`;
}

export { zoneOffsetMinutes } from '../../time/zone-offset.js';

/** The store the incident analyses read, or a 503 saying which answers need it. */
export function storeOf(ctx: ToolContext, tool: string): Store {
  if (ctx.store === undefined)
    throw new PromptOpsError(
      'unavailable',
      `${tool} reads raw transactions and metrics from the collector's store, which this context does not expose`,
    );
  return ctx.store;
}

/** Carries an analysis's own evidence lines into the tool's log, with the call that produced them. */
export function addAnalysisEvidence(
  log: EvidenceLog,
  evidence: readonly Evidence[],
  call: string,
  layer: EvidenceLayer,
): string[] {
  return evidence.map((e) =>
    log.add({
      layer: e.source === 'session-store' ? 'live-session-store' : layer,
      call,
      description: e.description,
      from: e.range.from,
      to: e.range.to,
      rows: e.rows,
      ...(e.errorBand === undefined ? {} : { errorBand: e.errorBand }),
    }),
  );
}
