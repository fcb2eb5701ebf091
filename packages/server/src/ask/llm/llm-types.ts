/**
 * The provider contract of the optional LLM: one chat turn (system + user text), optionally forced to
 * call one function whose arguments come back as JSON. Both wire protocols (OpenAI chat completions,
 * Anthropic Messages) fit behind it; everything above — budget, timeout, masking, validation — is
 * provider-independent.
 */

/** A function offered to the model, described by a JSON Schema. */
export interface LlmFunction {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface LlmRequest {
  system: string;
  user: string;
  /** When set, the model must call this function; its arguments are the result. */
  function?: LlmFunction;
  maxTokens: number;
  signal: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  /** Plain text the model wrote (empty when it only called the function). */
  text: string;
  /** The forced function's arguments, parsed from JSON but not yet validated. */
  call?: { name: string; arguments: unknown };
  usage: LlmUsage;
}

export interface LlmProvider {
  /** `openai` or `anthropic`, and the model: shown in evidence. */
  readonly label: string;
  chat(request: LlmRequest): Promise<LlmResponse>;
}
