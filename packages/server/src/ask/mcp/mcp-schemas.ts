/**
 * Output schemas of the MCP tools (clients read them from `tools/list` and the SDK checks every
 * `structuredContent` against them): the registry's `{data, evidence, caveats}`, the ask answer, and
 * runbook hits.
 */
import { z } from 'zod';
import { EVIDENCE_LAYERS } from '../tools/tool-types.js';

export const evidenceSchema = z
  .object({
    id: z.string(),
    layer: z.enum(EVIDENCE_LAYERS),
    call: z.string(),
    description: z.string(),
    range: z.object({ from: z.string(), to: z.string() }),
    rows: z.number(),
    errorBand: z.number().optional(),
  })
  .passthrough();

export const toolResultSchema = z.object({
  data: z.unknown().describe("the tool's figures (see its description)"),
  evidence: z.array(evidenceSchema),
  caveats: z.array(z.string()),
});

export const askAnswerSchema = z
  .object({
    intent: z.string(),
    confidence: z.number(),
    lang: z.enum(['ko', 'en']),
    params: z.record(z.unknown()),
    answer: z.string(),
    data: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.unknown())) }),
    chart: z.record(z.unknown()).optional(),
    evidence: z.array(evidenceSchema),
    caveats: z.array(z.string()),
    runbooks: z
      .array(
        z.object({
          file: z.string(),
          heading: z.string(),
          excerpt: z.string(),
          score: z.number(),
          citation: z.string(),
        }),
      )
      .optional()
      .describe('runbook passages cited by incident, security and capacity answers'),
  })
  .passthrough();

export const askInputSchema = z
  .object({
    question: z.string().trim().min(1).max(2_000).describe('one line, Korean or English'),
    lang: z.enum(['ko', 'en']).optional().describe('answer language (default: the question’s)'),
  })
  .strict();

export const runbookHitsSchema = z.object({
  hits: z.array(z.object({ file: z.string(), heading: z.string(), excerpt: z.string(), score: z.number() })),
});
