/**
 * Abnormal access over a period, one tool per question family: attack URLs and scanners
 * (`abnormal_urls`) and failed-login bursts with accounts used from many addresses (`login_burst`).
 */
import { z } from 'zod';
import { abnormalAccessFromStore } from '../../analysis/data-access.js';
import type { SecurityFinding, SecurityRule } from '../../analysis/security/security-finding.js';
import { addAnalysisEvidence, callOf, EvidenceLog, ms, rangeSchema, storeOf } from './tool-support.js';
import { defineTool, type AskTool } from './tool-types.js';

export interface SecurityData {
  findings: SecurityFinding[];
  counts: Partial<Record<SecurityRule, number>>;
  /** Evidence id of each finding, same order (the rule's rows). */
  evidenceIds: string[];
}

const input = z.object({ range: rangeSchema }).strict();

function securityTool(
  name: string,
  description: string,
  rules: readonly SecurityRule[],
): AskTool<typeof input, SecurityData> {
  return defineTool({
    name,
    description,
    input,
    async run(ctx, args) {
      const store = storeOf(ctx, name);
      const log = new EvidenceLog(name);
      const range = { from: ms(args.range.from), to: ms(args.range.to) };
      const result = await abnormalAccessFromStore(store, range, { rules });
      const call = callOf('abnormalAccessFromStore', { from: args.range.from, to: args.range.to, rules });
      addAnalysisEvidence(log, result.evidence, call, 'raw-transactions');
      const evidenceIds = result.findings.map((f) =>
        log.add({
          layer: 'raw-transactions',
          call,
          description: `${f.rule} on ${f.subject.kind} (threshold ${f.threshold} ${f.unit})`,
          from: f.range.from,
          to: f.range.to,
          rows: f.rowCount,
        }),
      );
      return {
        data: { findings: result.findings, counts: result.counts, evidenceIds },
        evidence: log.items,
        caveats: ['rules and thresholds are listed with each finding; a finding is a lead to check, not a verdict'],
      };
    },
  });
}

export const abnormalUrlsTool = securityTool(
  'abnormal_urls',
  'Attack-pattern URLs, scanner user agents and unknown-path scans in a period, per client address',
  ['abnormal_url', 'scanner_user_agent', 'unknown_route_scan'],
);

export const loginBurstTool = securityTool(
  'login_burst',
  'Failed-login bursts per address and accounts used from many addresses in a period',
  ['login_burst', 'user_many_ips'],
);
