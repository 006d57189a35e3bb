/**
 * Minimal structured logger. One line per event; JSON in production, readable text otherwise.
 * Field values under secret-looking keys are replaced before anything is written, so a token
 * passed by mistake never reaches the log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const SECRET_KEY = /(token|secret|password|authorization|cookie|apikey|api_key|passwordhash|code_verifier|client_secret)/i;

export type LogFields = Record<string, unknown>;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  json?: boolean;
  write?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions = {}, bindings: LogFields = {}): Logger {
  const level = opts.level ?? 'info';
  const json = opts.json ?? false;
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const data = redact({ ...bindings, ...fields }) as LogFields;
    if (json) {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...data }));
    } else {
      const extra = Object.keys(data).length ? ' ' + JSON.stringify(data) : '';
      write(`${lvl.toUpperCase().padEnd(5)} ${msg}${extra}`);
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (b) => createLogger(opts, { ...bindings, ...b }),
  };
}

/** Process-wide logger; `configureLogger` replaces its options once config is loaded. */
let root = createLogger({ level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info' });
export function configureLogger(opts: LoggerOptions): void {
  root = createLogger(opts);
}
export const log: Logger = {
  debug: (m, f) => root.debug(m, f),
  info: (m, f) => root.info(m, f),
  warn: (m, f) => root.warn(m, f),
  error: (m, f) => root.error(m, f),
  child: (b) => root.child(b),
};
