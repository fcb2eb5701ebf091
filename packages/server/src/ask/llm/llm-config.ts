/**
 * Configuration of the optional LLM, read once from the environment at start-up. No provider set
 * means no LLM: the ask engine is fully deterministic. A bad value fails fast, listing every problem.
 * Keys come only from the environment (never flags, never files in the repository).
 */
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';

export const LLM_PROVIDERS = ['openai', 'anthropic'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

const DEFAULT_BASE_URL: Record<LlmProviderName, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  /** openai (any OpenAI-compatible endpoint: vLLM, TGI, Ollama, LM Studio, hosted) or anthropic; unset = no LLM. */
  PROMPTOPS_LLM_PROVIDER: z.enum(LLM_PROVIDERS).optional(),
  /** Endpoint base, e.g. http://127.0.0.1:11434/v1 for Ollama; default the vendor's public API. */
  PROMPTOPS_LLM_BASE_URL: z.string().url().optional(),
  /** Model name as the endpoint knows it. Required with a provider. */
  PROMPTOPS_LLM_MODEL: z.string().min(1).optional(),
  /** Key for the provider; overrides OPENAI_API_KEY / ANTHROPIC_API_KEY. */
  PROMPTOPS_LLM_API_KEY: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Most tokens one call may generate (default 512). */
  PROMPTOPS_LLM_MAX_TOKENS: int(16, 32_768).default(512),
  /** Timeout of one call, ms (default 8000). */
  PROMPTOPS_LLM_TIMEOUT_MS: int(100, 300_000).default(8_000),
  /** Most LLM calls while answering one question (default 2: one to classify, one to phrase). */
  PROMPTOPS_LLM_MAX_CALLS: int(0, 10).default(2),
  /** Tokens (prompt + completion) per UTC day over all questions; past it, answers stay deterministic (default 200000). */
  PROMPTOPS_LLM_DAILY_TOKENS: int(0, 1_000_000_000).default(200_000),
  /** Parser confidence at or above which the deterministic intent is used without asking the LLM (default 0.6). */
  PROMPTOPS_LLM_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  /** Whether the LLM phrases answers (numbers are checked against the tool data either way); default on. */
  PROMPTOPS_LLM_PHRASE: z
    .enum(['0', '1', 'true', 'false', 'on', 'off'])
    .default('1')
    .transform((v) => v === '1' || v === 'true' || v === 'on'),
});

export interface LlmConfig {
  provider: LlmProviderName;
  baseUrl: string;
  model: string;
  /** Absent for local endpoints that need none (vLLM, Ollama, LM Studio). */
  apiKey?: string;
  maxTokens: number;
  timeoutMs: number;
  maxCallsPerQuestion: number;
  dailyTokenBudget: number;
  confidenceThreshold: number;
  phrase: boolean;
}

/** The LLM configuration, or null when no provider is configured. Throws listing every problem. */
export function parseLlmConfig(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const picked = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  );
  const parsed = envSchema.safeParse(picked);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (!parsed.success)
    throw new PromptOpsError('invalid_parameter', `invalid LLM configuration: ${problems.join('; ')}`);
  const e = parsed.data;
  if (e.PROMPTOPS_LLM_PROVIDER === undefined) return null;
  const provider = e.PROMPTOPS_LLM_PROVIDER;
  const apiKey = e.PROMPTOPS_LLM_API_KEY ?? (provider === 'openai' ? e.OPENAI_API_KEY : e.ANTHROPIC_API_KEY);
  if (e.PROMPTOPS_LLM_MODEL === undefined) problems.push('PROMPTOPS_LLM_MODEL: required with PROMPTOPS_LLM_PROVIDER');
  // The vendors' own APIs always need a key; a self-hosted endpoint (a base URL given) may not.
  if (apiKey === undefined && e.PROMPTOPS_LLM_BASE_URL === undefined)
    problems.push(
      `${provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'}: required for the ${provider} API (or set PROMPTOPS_LLM_BASE_URL for a local endpoint)`,
    );
  if (problems.length > 0)
    throw new PromptOpsError('invalid_parameter', `invalid LLM configuration: ${problems.join('; ')}`);
  return {
    provider,
    baseUrl: (e.PROMPTOPS_LLM_BASE_URL ?? DEFAULT_BASE_URL[provider]).replace(/\/+$/, ''),
    model: e.PROMPTOPS_LLM_MODEL!,
    ...(apiKey === undefined ? {} : { apiKey }),
    maxTokens: e.PROMPTOPS_LLM_MAX_TOKENS,
    timeoutMs: e.PROMPTOPS_LLM_TIMEOUT_MS,
    maxCallsPerQuestion: e.PROMPTOPS_LLM_MAX_CALLS,
    dailyTokenBudget: e.PROMPTOPS_LLM_DAILY_TOKENS,
    confidenceThreshold: e.PROMPTOPS_LLM_CONFIDENCE,
    phrase: e.PROMPTOPS_LLM_PHRASE,
  };
}
