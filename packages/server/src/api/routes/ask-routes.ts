/**
 * `POST /api/v1/ask` `{question, lang?}` → the answer JSON (intent, params, answer, data, chart?,
 * evidence, caveats). The body is validated at the edge (unknown fields, empty or oversized questions
 * are 400s); control characters are blanked so they can neither confuse the parser nor reach a log.
 * With an LLM configured the question goes through the LLM router (docs/llm.md); incident, security
 * and capacity answers cite matching runbook passages, exactly as the MCP `ask` tool does.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from '../../ask/answer/answer-question.js';
import { askContextOf } from '../../ask/answer/ask-context.js';
import { routedAsk, type LlmClient } from '../../ask/llm/index.js';
import { resolveRunbookDir, withRunbooks } from '../../ask/runbooks/index.js';
import type { CapacityConfig } from '../../ask/tools/tool-types.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { invalidFromZod } from '../http/parse-query.js';
import { parseJsonBytes, readBody } from '../http/read-body.js';

/**
 * A question is at most MAX_QUESTION_CHARS; bodies up to 1 MiB are read so that an oversized question
 * gets a 400 naming the limit, and only a body beyond that is a 413.
 */
const ASK_BODY_LIMITS = { maxBodyBytes: 1024 * 1024, maxDecompressedBytes: 1024 * 1024 };

export const askRequestSchema = z
  .object({
    question: z
      .string()
      .max(MAX_QUESTION_CHARS, `question is longer than ${MAX_QUESTION_CHARS} characters`)
      .refine((q) => q.trim().length > 0, 'question is empty'),
    lang: z.enum(['ko', 'en']).optional(),
  })
  .strict();
export type AskRequest = z.infer<typeof askRequestSchema>;

export interface AskRouteOptions {
  /** IANA zone of the deployment ("어제" means yesterday there); default Asia/Seoul. */
  timeZone?: string;
  capacity?: CapacityConfig;
  /** The configured LLM (`llmFromEnv()` at start-up); null or absent: the deterministic engine only. */
  llm?: LlmClient | null;
  /** Runbook folder cited by incident answers (`--runbooks`); default the demo set shipped with the repo. */
  runbookDir?: string;
}

// C0 and C1 controls but tab and newline, plus bidi overrides that could disguise text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function registerAskRoutes(app: Hono, ctx: ApiContext, options: AskRouteOptions = {}): void {
  const ask = routedAsk(options.llm);
  const runbookDir = options.runbookDir ?? resolveRunbookDir();
  app.post('/api/v1/ask', async (c) => {
    const mime = (c.req.header('content-type') ?? 'application/json').split(';')[0]?.trim().toLowerCase();
    if (mime !== 'application/json')
      throw new PromptOpsError(
        'unsupported_media_type',
        `Content-Type '${mime}' is not supported; send application/json`,
      );
    let bytes: Uint8Array;
    try {
      bytes = await readBody(c.req.raw, ASK_BODY_LIMITS);
    } catch (err) {
      const e = PromptOpsError.from(err);
      if (e.code === 'payload_too_large')
        throw new PromptOpsError(
          'payload_too_large',
          `an ask body is at most ${ASK_BODY_LIMITS.maxBodyBytes} bytes; questions are at most ${MAX_QUESTION_CHARS} characters`,
        );
      throw e;
    }
    const body = parseJsonBytes(bytes);
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) throw invalidFromZod(parsed.error, 'invalid_parameter');
    const question = parsed.data.question.replace(CONTROL, ' ');
    if (question.trim().length === 0) throw new PromptOpsError('invalid_parameter', 'question: question is empty');
    const askCtx = askContextOf(ctx.collector, {
      now: ctx.now(),
      timeZone: options.timeZone,
      capacity: options.capacity,
      reportsAvailable: app.routes.some((r) => r.path.startsWith('/api/v1/reports')),
    });
    const answer = await ask(question, askCtx, parsed.data.lang);
    return c.json(await withRunbooks(answer, question, { dir: runbookDir }));
  });
  guardMethods(app, '/api/v1/ask', ['POST']);
}
