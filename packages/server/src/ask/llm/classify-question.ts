/**
 * LLM classification for questions the deterministic parser is unsure about. The model is offered
 * the intent catalog as one function, `classify_question({intent, params})`; its output is validated
 * (an intent outside the catalog or parameters that fail `questionParamsSchema` are rejected), and the
 * final parameters are the deterministic extraction for the chosen intent, gaps filled by the model.
 */
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { PromptOpsError } from '../../errors/promptops-error.js';
import {
  INTENT_CATALOG,
  INTENT_NAMES,
  questionParamsSchema,
  type IntentName,
  type Lang,
  type ParsedQuestion,
  type QuestionParams,
} from '../parse/index.js';
import type { LlmSession } from './llm-client.js';
import type { LlmFunction } from './llm-types.js';
import { paramsForIntent, pickKeys } from './resolve-for-intent.js';

export const CLASSIFY_FUNCTION_NAME = 'classify_question';

function catalogLines(): string {
  return (Object.keys(INTENT_CATALOG) as Exclude<IntentName, 'unknown'>[])
    .map((i) => `- ${i}: ${INTENT_CATALOG[i].summary.en} (e.g. "${INTENT_CATALOG[i].example.en}")`)
    .join('\n');
}

/** The function offered to the model: intent ∈ catalog, params per the parser's schema. */
export function classifyFunction(): LlmFunction {
  return {
    name: CLASSIFY_FUNCTION_NAME,
    description: 'Classify an operations question into one intent of the PromptOps catalog, with its parameters.',
    parameters: {
      type: 'object',
      properties: {
        intent: {
          type: 'string',
          enum: [...INTENT_NAMES],
          description: 'one intent of the catalog; unknown if none fits',
        },
        params: zodToJsonSchema(questionParamsSchema, { $refStrategy: 'none', target: 'openApi3' }),
      },
      required: ['intent'],
      additionalProperties: false,
    },
  };
}

const callSchema = z.object({ intent: z.string(), params: z.unknown().optional() }).strict();

export interface LlmClassification {
  intent: IntentName;
  /** Parameters the model gave that passed validation (before merging). */
  modelParams: QuestionParams;
}

/** Validates the model's function arguments; throws `malformed_payload` naming what is wrong. */
export function validateClassification(args: unknown): LlmClassification {
  const call = callSchema.safeParse(args);
  if (!call.success)
    throw new PromptOpsError('malformed_payload', `classify_question arguments are invalid: ${call.error.message}`);
  const intent = call.data.intent;
  if (!(INTENT_NAMES as readonly string[]).includes(intent))
    throw new PromptOpsError('malformed_payload', `the model chose '${intent}', which is not in the intent catalog`);
  const params = questionParamsSchema.safeParse(call.data.params ?? {});
  if (!params.success)
    throw new PromptOpsError('malformed_payload', `the model's parameters are invalid: ${params.error.message}`);
  return { intent: intent as IntentName, modelParams: params.data };
}

export interface ClassifyOptions {
  now: number;
  timeZone: string;
  lang: Lang;
  instances?: readonly string[];
}

/** Asks the model for the intent of `question` and returns it as a ParsedQuestion. */
export async function classifyWithLlm(
  session: LlmSession,
  question: string,
  options: ClassifyOptions,
): Promise<ParsedQuestion> {
  const system = [
    'You classify one-line questions from web operations teams for PromptOps, a tool that measures real concurrent users, sessions, capacity and incidents.',
    `Current time: ${new Date(options.now).toISOString()} (deployment time zone ${options.timeZone}).`,
    `Call ${CLASSIFY_FUNCTION_NAME} exactly once. Choose the single intent that fits; choose "unknown" when none does. Never answer the question yourself.`,
    'Intents:',
    catalogLines(),
  ].join('\n');
  const res = await session.call({ system, user: question, function: classifyFunction() });
  if (res.call?.name !== CLASSIFY_FUNCTION_NAME)
    throw new PromptOpsError(
      'malformed_payload',
      `the model called '${res.call?.name}' instead of ${CLASSIFY_FUNCTION_NAME}`,
    );
  const { intent, modelParams } = validateClassification(res.call.arguments);
  const ours = paramsForIntent(question, intent, options);
  const params = { ...pickKeys(intent, modelParams), ...ours };
  return {
    lang: options.lang,
    intent,
    // The model gives no calibrated figure; report the threshold-level trust the router placed in it.
    confidence: 0.5,
    params,
    ...(intent === 'unknown' ? { reason: 'llm_unknown' } : {}),
  } as ParsedQuestion;
}
