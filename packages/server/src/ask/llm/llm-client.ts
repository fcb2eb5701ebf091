/**
 * The one way the ask engine talks to an LLM: every prompt is PII-masked (level full, IP addresses
 * included) before it leaves, every call has a timeout, and every call is counted against the
 * per-question and per-day budgets. Failures surface as PromptOpsError (`timeout`, `unavailable`,
 * `malformed_payload`, `rate_limited` for an exhausted budget) so the router can fall back.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maskText } from '../mask/index.js';
import { AnthropicProvider } from './anthropic-provider.js';
import { LlmBudget } from './llm-budget.js';
import type { LlmConfig } from './llm-config.js';
import type { LlmFunction, LlmProvider, LlmResponse } from './llm-types.js';
import { OpenAiProvider } from './openai-provider.js';

export interface LlmTurn {
  system: string;
  user: string;
  function?: LlmFunction;
}

/** Masks text for a prompt: placeholders, never partial digits, and client addresses too. */
export function maskForPrompt(text: string): string {
  return maskText(text, { level: 'full', ip: true, placeholders: 'en' }).text;
}

export function providerFor(config: LlmConfig): LlmProvider {
  const opts = { baseUrl: config.baseUrl, model: config.model, ...(config.apiKey ? { apiKey: config.apiKey } : {}) };
  switch (config.provider) {
    case 'openai':
      return new OpenAiProvider(opts);
    case 'anthropic':
      return new AnthropicProvider(opts);
  }
}

export class LlmClient {
  readonly budget: LlmBudget;

  constructor(
    readonly config: LlmConfig,
    readonly provider: LlmProvider = providerFor(config),
    now: () => number = Date.now,
  ) {
    this.budget = new LlmBudget(config.dailyTokenBudget, now);
  }

  get label(): string {
    return this.provider.label;
  }

  /** A per-question handle: at most `maxCallsPerQuestion` calls go through it. */
  session(): LlmSession {
    return new LlmSession(this);
  }

  /** One masked, timed, budgeted call (use through a session). */
  async call(turn: LlmTurn): Promise<LlmResponse> {
    const maxTokens = this.config.maxTokens;
    if (!this.budget.allows(maxTokens))
      throw new PromptOpsError('rate_limited', 'the daily LLM token budget is spent', {
        details: this.budget.status(),
      });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    let charged = false;
    try {
      const res = await this.provider.chat({
        system: maskForPrompt(turn.system),
        user: maskForPrompt(turn.user),
        ...(turn.function ? { function: turn.function } : {}),
        maxTokens,
        signal: controller.signal,
      });
      this.budget.record(res.usage.inputTokens + res.usage.outputTokens);
      charged = true;
      return res;
    } catch (err) {
      if (controller.signal.aborted && !(err instanceof PromptOpsError && err.code === 'timeout'))
        throw new PromptOpsError('timeout', `LLM call timed out after ${this.config.timeoutMs} ms`, { cause: err });
      throw PromptOpsError.from(err, 'unavailable');
    } finally {
      clearTimeout(timer);
      // A failed call may still have cost tokens; count the attempt so a failing endpoint is not hammered.
      if (!charged) this.budget.record(0);
    }
  }
}

export class LlmSession {
  private used = 0;
  constructor(private readonly client: LlmClient) {}

  get callsUsed(): number {
    return this.used;
  }

  get label(): string {
    return this.client.label;
  }

  /** Whether another call is allowed for this question. */
  canCall(): boolean {
    return (
      this.used < this.client.config.maxCallsPerQuestion && this.client.budget.allows(this.client.config.maxTokens)
    );
  }

  async call(turn: LlmTurn): Promise<LlmResponse> {
    if (this.used >= this.client.config.maxCallsPerQuestion)
      throw new PromptOpsError(
        'rate_limited',
        `at most ${this.client.config.maxCallsPerQuestion} LLM calls per question`,
      );
    this.used += 1;
    return this.client.call(turn);
  }
}
