/**
 * Turns a draft into the answer text and enforces the product's rule that no number leaves without its
 * evidence: a fact is emitted only when it cites at least one evidence id present in the answer, and a
 * note (a statement without evidence) is dropped if it carries a digit. The parameter echo is exempt:
 * it repeats what was asked (the period, the mode), not a measurement.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ToolEvidence } from '../tools/tool-types.js';

export interface Fact {
  /** The sentence as shown. */
  text: string;
  /** The main figure it states (for tests and for the UI to highlight); null for a count of nothing. */
  value: number | null;
  /** Evidence ids the figure comes from; a fact citing none (or unknown ones) is not emitted. */
  evidenceIds: string[];
}

export interface ComposeInput {
  echo: string;
  facts: readonly Fact[];
  notes?: readonly string[];
  evidence: readonly ToolEvidence[];
}

export interface Composed {
  text: string;
  emitted: Fact[];
  /** Facts and notes refused for lack of evidence (a bug in a handler; logged by tests). */
  refused: string[];
}

const DIGIT = /\d/;

export function composeAnswer(input: ComposeInput): Composed {
  const ids = new Set<string>();
  for (const e of input.evidence) {
    if (ids.has(e.id)) throw new PromptOpsError('internal', `duplicate evidence id ${e.id}`);
    ids.add(e.id);
  }
  const emitted: Fact[] = [];
  const refused: string[] = [];
  for (const f of input.facts) {
    if (f.evidenceIds.length > 0 && f.evidenceIds.every((id) => ids.has(id))) emitted.push(f);
    else refused.push(f.text);
  }
  const notes: string[] = [];
  for (const n of input.notes ?? []) {
    if (DIGIT.test(n)) refused.push(n);
    else notes.push(n);
  }
  const text = [input.echo, ...emitted.map((f) => f.text), ...notes].filter((l) => l.length > 0).join('\n');
  return { text, emitted, refused };
}
