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
    if (req.function && !tc)
      throw new PromptOpsError('malformed_payload', `the model did not call ${req.function.name}`);
    return {
      text: message.content ?? '',
      ...(tc ? { call: { name: tc.function.name, arguments: parseArguments(tc.function.arguments) } } : {}),
      usage: { inputTokens: res.usage?.prompt_tokens ?? 0, outputTokens: res.usage?.completion_tokens ?? 0 },
    };
  }
}
