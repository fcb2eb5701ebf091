/**
 * The tool registry: every read-only capability the ask engine answers from, by name. The MCP server
 * exposes these one-to-one (name, description, zod input → JSON schema, `run`).
 */
import { capacityTool } from './capacity.js';
import { ccuCompareTool } from './ccu-compare.js';
import { ccuSeriesTool } from './ccu-series.js';
import { ccuStatsTool } from './ccu-stats.js';
import { concurrentUsersNowTool } from './concurrent-users-now.js';
import { currentUsersTool } from './current-users.js';
import { forecastTool } from './forecast.js';
import { longSessionsTool } from './long-sessions.js';
import { rcaCpuTool } from './rca-cpu.js';
import { rcaOomTool } from './rca-oom.js';
import { scalingPolicyTool } from './scaling-policy.js';
import { abnormalUrlsTool, loginBurstTool } from './security-findings.js';
import { surgesTool } from './surges.js';
import { seasonalityTool } from './seasonality.js';
import { sessionsVsUsersTool } from './sessions-vs-users.js';
import { slaTool } from './sla.js';
import { userRequestsTool } from './user-requests.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { AskTool, ToolContext, ToolResult } from './tool-types.js';

export const ASK_TOOLS = {
  concurrent_users_now: concurrentUsersNowTool,
  sessions_vs_users: sessionsVsUsersTool,
  ccu_series: ccuSeriesTool,
  ccu_stats: ccuStatsTool,
  ccu_compare: ccuCompareTool,
  seasonality: seasonalityTool,
  forecast: forecastTool,
  capacity: capacityTool,
  scaling_policy: scalingPolicyTool,
  sla: slaTool,
  current_users: currentUsersTool,
  user_requests: userRequestsTool,
  long_sessions: longSessionsTool,
  surges: surgesTool,
  rca_cpu: rcaCpuTool,
  rca_oom: rcaOomTool,
  abnormal_urls: abnormalUrlsTool,
  login_burst: loginBurstTool,
} as const;

export type AskToolName = keyof typeof ASK_TOOLS;

/** The registry as a list (for MCP `tools/list`). */
export function listTools(): AskTool[] {
  return Object.values(ASK_TOOLS) as AskTool[];
}

/** Runs a tool by name with untrusted input (validated by its schema; a bad input is a 400). */
export async function runTool(name: string, ctx: ToolContext, input: unknown): Promise<ToolResult<unknown>> {
  const tool = (ASK_TOOLS as Record<string, AskTool | undefined>)[name];
  if (tool === undefined) throw new PromptOpsError('not_found', `no tool named '${name}'`);
  const parsed = tool.input.safeParse(input ?? {});
  if (!parsed.success)
    throw new PromptOpsError(
      'invalid_parameter',
      `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
    );
  return tool.run(ctx, parsed.data);
}

export * from './tool-types.js';
export { HLL_ERROR_BAND, zoneOffsetMinutes } from './tool-support.js';
