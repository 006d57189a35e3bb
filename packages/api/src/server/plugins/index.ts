export { ANALYTICS_COST, costEstimator, operationCost, type CostInput } from './cost.js';
export { assessOperation, checkOperation, operationCosts, limitParseOptions, limitValidationRules, queryLimitsPlugin, queryTooComplex, tokenLimitError, type LimitName, type QueryLimits } from './limits.js';
export { actualCost, chargeSocketOperation, costExtension, meters, rateLimitPlugin, ruleFor, type Meter } from './rate-limit.js';
export { IDLE_CLOSE, socketLimits, type SocketLimits } from './socket-limits.js';
export { prefetchPlugin, registerPrefetch, type Prefetch } from './prefetch.js';
