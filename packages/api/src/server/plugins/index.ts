export { ANALYTICS_COST, costEstimator, operationCost, type CostInput } from './cost.js';
export { limitParseOptions, limitValidationRules, queryLimitsPlugin, queryTooComplex, tokenLimitError, type LimitName, type QueryLimits } from './limits.js';
