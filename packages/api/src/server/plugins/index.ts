export { ANALYTICS_COST, costEstimator, operationCost, type CostInput } from './cost.js';
export { checkOperation, limitParseOptions, limitValidationRules, queryLimitsPlugin, queryTooComplex, tokenLimitError, type LimitName, type QueryLimits } from './limits.js';
export { IDLE_CLOSE, socketLimits, type SocketLimits } from './socket-limits.js';
