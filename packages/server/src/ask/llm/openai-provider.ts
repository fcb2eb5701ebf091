/**
 * OpenAI-compatible chat completions (`POST {base}/chat/completions`): OpenAI itself and the servers
 * that speak its protocol (vLLM, TGI, Ollama, LM Studio). A function is offered as `tools` with
 * `tool_choice` naming it; the answer's `tool_calls[0].function.arguments` is JSON text.
 */
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { parseArguments, postJson } from './http-json.js';
import type { LlmProvider, LlmRequest, LlmResponse } from './llm-types.js';

const responseSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(z.object({ function: z.object({ name: z.string(), arguments: z.string() }) }))
            .nullable()
            .optional(),
        }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).partial().optional(),
});

/**
 * Some OpenAI-compatible servers (older Ollama and LM Studio builds, vLLM without a tool parser) ignore
 * `tool_choice` and write the arguments as a JSON object in the message text. Accept exactly that —
 * a bare or fenced JSON object — as the call; anything else is not a call. The caller validates it.
 */
function argumentsInText(name: string, content: string): { name: string; arguments: unknown } {
  const body = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  if (!body.startsWith('{')) throw new PromptOpsError('malformed_payload', `the model did not call ${name}`);
  return { name, arguments: parseArguments(body) };
}

export class OpenAiProvider implements LlmProvider {
  readonly label: string;
  constructor(private readonly options: { baseUrl: string; model: string; apiKey?: string }) {
    this.label = `openai:${options.model}`;
  }

  async chat(req: LlmRequest): Promise<LlmResponse> {
    const body = {
      model: this.options.model,
      messages: [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ],
      max_tokens: req.maxTokens,
      temperature: 0,
      ...(req.function
        ? {
            tools: [{ type: 'function', function: req.function }],
            tool_choice: { type: 'function', function: { name: req.function.name } },
          }
        : {}),
    };
    const headers: Record<string, string> = this.options.apiKey
      ? { authorization: `Bearer ${this.options.apiKey}` }
      : {};
    const res = await postJson(`${this.options.baseUrl}/chat/completions`, headers, body, responseSchema, req.signal);
    const message = res.choices[0]!.message;
    const tc = message.tool_calls?.[0];
    const call = tc
      ? { name: tc.function.name, arguments: parseArguments(tc.function.arguments) }
      : req.function
        ? argumentsInText(req.function.name, message.content ?? '')
        : undefined;
    return {
      text: message.content ?? '',
      ...(call ? { call } : {}),
      usage: { inputTokens: res.usage?.prompt_tokens ?? 0, outputTokens: res.usage?.completion_tokens ?? 0 },
    };
  }
}
