/**
 * The composer's evidence rule: a numeric statement without evidence never reaches the answer text.
 */
import { describe, expect, it } from 'vitest';
import { composeAnswer } from '../packages/server/src/ask/answer/compose-answer.js';
import type { ToolEvidence } from '../packages/server/src/ask/tools/tool-types.js';

const evidence: ToolEvidence[] = [
  {
    id: 'concurrent_users_now#1',
    layer: 'live-collector',
    call: 'collector.concurrentUsers({})',
    description: 'CCU',
    range: { from: '2026-11-25T01:55:00.000Z', to: '2026-11-25T02:00:00.000Z' },
    rows: 5,
    errorBand: 0.0081,
  },
];

describe('composeAnswer', () => {
  it('emits facts that cite present evidence and refuses the rest', () => {
    const c = composeAnswer({
      echo: '[at 2026-11-25 11:00]',
      facts: [
        { text: 'CCU 362', value: 362, evidenceIds: ['concurrent_users_now#1'] },
        { text: 'sessions 1,426', value: 1426, evidenceIds: [] },
        { text: 'peak 900', value: 900, evidenceIds: ['ccu_series#1'] },
      ],
      notes: ['sessions outlive their users', 'about 70 % are idle'],
      evidence,
    });
    expect(c.text).toBe('[at 2026-11-25 11:00]\nCCU 362\nsessions outlive their users');
    expect(c.emitted.map((f) => f.value)).toEqual([362]);
    expect(c.refused).toEqual(['sessions 1,426', 'peak 900', 'about 70 % are idle']);
  });

  it('rejects duplicate evidence ids (facts must point at one thing)', () => {
    expect(() => composeAnswer({ echo: '', facts: [], evidence: [...evidence, ...evidence] })).toThrow(
      /duplicate evidence id/,
    );
  });
});
