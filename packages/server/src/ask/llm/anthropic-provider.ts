/**
 * Anthropic Messages API (`POST {base}/v1/messages`, `anthropic-version: 2023-06-01`). A function is
 * offered as a tool with `input_schema` and forced with `tool_choice: {type: "tool", name}`; the
 * answer's `tool_use` block carries the arguments as an object.
 */
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { postJson } from './http-json.js';
import type { LlmProvider, LlmRequest, LlmResponse } from './llm-types.js';

export const ANTHROPIC_VERSION = '2023-06-01';

const blockSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('tool_use'), name: z.string(), input: z.unknown() }),
  // Other block kinds (thinking…) are ignored rather than failing the call.
  z.object({ type: z.string() }).passthrough(),
]);

const responseSchema = z.object({
  content: z.array(blockSchema),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).partial().optional(),
});

export class AnthropicProvider implements LlmProvider {
  readonly label: string;
  constructor(private readonly options: { baseUrl: string; model: string; apiKey?: string }) {
    this.label = `anthropic:${options.model}`;
  }

  async chat(req: LlmRequest): Promise<LlmResponse> {
    const body = {
      model: this.options.model,
      max_tokens: req.maxTokens,
      temperature: 0,
      system: req.system,
      messages: [{ role: 'user', content: req.user }],
      ...(req.function
        ? {
            tools: [
              { name: req.function.name, description: req.function.description, input_schema: req.function.parameters },
            ],
            tool_choice: { type: 'tool', name: req.function.name },
          }
        : {}),
    };
    const headers: Record<string, string> = {
      'anthropic-version': ANTHROPIC_VERSION,
      ...(this.options.apiKey ? { 'x-api-key': this.options.apiKey } : {}),
    };
    const res = await postJson(`${this.options.baseUrl}/v1/messages`, headers, body, responseSchema, req.signal);
    let text = '';
    let call: LlmResponse['call'];
    for (const b of res.content) {
      if (b.type === 'text' && 'text' in b && typeof b.text === 'string') text += b.text;
      else if (b.type === 'tool_use' && 'name' in b && typeof b.name === 'string' && call === undefined)
        call = { name: b.name, arguments: (b as { input?: unknown }).input };
    }
    if (req.function && !call)
      throw new PromptOpsError('malformed_payload', `the model did not call ${req.function.name}`);
    return {
      text,
      ...(call ? { call } : {}),
      usage: { inputTokens: res.usage?.input_tokens ?? 0, outputTokens: res.usage?.output_tokens ?? 0 },
    };
  }
}
