/** The optional LLM: configuration, providers, budget, the router and the number check on phrasing. */
export { llmFromEnv } from './llm-from-env.js';
export { parseLlmConfig, LLM_PROVIDERS, type LlmConfig, type LlmProviderName } from './llm-config.js';
export type { LlmFunction, LlmProvider, LlmRequest, LlmResponse, LlmUsage } from './llm-types.js';
export { OpenAiProvider } from './openai-provider.js';
export { AnthropicProvider, ANTHROPIC_VERSION } from './anthropic-provider.js';
export { LlmBudget, type BudgetStatus } from './llm-budget.js';
export { LlmClient, LlmSession, maskForPrompt, providerFor, type LlmTurn } from './llm-client.js';
export {
  CLASSIFY_FUNCTION_NAME,
  classifyFunction,
  classifyWithLlm,
  validateClassification,
} from './classify-question.js';
export { checkNumberClaims, numberClaims, type ClaimCheck, type NumberClaim } from './number-claims.js';
export { phraseWithLlm, type PhraseInput, type PhraseOutcome } from './phrase-answer.js';
export {
  answerWithRouter,
  needsLlm,
  routeQuestion,
  type AnswerParsed,
  type AnswerText,
  type ParsePath,
  type PhrasePath,
  type RouteInfo,
  type RoutedAnswer,
  type RouterOptions,
} from './ask-router.js';
export { routedAsk, type AskFunction } from './routed-ask.js';
