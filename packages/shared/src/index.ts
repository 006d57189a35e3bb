export * from './errors.js';
export * from './enums.js';
export * from './tiers.js';
export * from './time.js';
export * from './metrics.js';
export * from './workspaces.js';
export * from './display.js';
export * from './api-keys.js';
