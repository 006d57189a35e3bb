/** Reported by `health` and the HTTP health endpoints. */
export const VERSION = '0.1.0';
