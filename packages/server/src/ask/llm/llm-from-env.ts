/**
 * Start-up wiring: the configured LLM client, or null when none is configured. Call once when the
 * process starts (`serve`, `demo`, `ask`, `mcp`) so a bad configuration fails before anything opens.
 */
import { LlmClient } from './llm-client.js';
import { parseLlmConfig } from './llm-config.js';

export function llmFromEnv(env: NodeJS.ProcessEnv = process.env): LlmClient | null {
  const config = parseLlmConfig(env);
  return config === null ? null : new LlmClient(config);
}
