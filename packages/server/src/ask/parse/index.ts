/** The deterministic question parser of the ask engine: the public surface the engine, REST and MCP use. */
export { parseQuestion, DEFAULT_TIME_ZONE } from './parse-question.js';
export { DEFAULT_PERIODS } from './resolve-period.js';
export {
  INTENT_NAMES,
  INTENT_PARAM_KEYS,
  questionParamsSchema,
  scalingRuleSchema,
  type Baseline,
  type IntentAlternative,
  type IntentName,
  type Lang,
  type ParamsOf,
  type ParseOptions,
  type ParsedQuestion,
  type QuestionParams,
  type ScalingRule,
  type TimeRange,
} from './question-types.js';
export { INTENT_CATALOG, type IntentEntry } from './intent-catalog.js';
