import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { invalidAllowlistEntries } from './modules/webhooks/ssrf.js';

/**
 * Every environment variable Soash reads, validated once at start.
 * `.env.example` documents each of them; keep the two in step (a test checks).
 */
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const url = () => z.url({ protocol: /^https?$/ });
const optionalString = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(4000, 0, 65535),
  /** Default 127.0.0.1 with the embedded database (a laptop), 0.0.0.0 with MONGODB_URI (a deployment). */
  HOST: optionalString(),
  PUBLIC_URL: url().optional(),
  WEB_APP_URL: url().optional(),
  CORS_ORIGINS: optionalString(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['text', 'json']).optional(),
  SERVE_WEB: bool(true),
  WEB_DIST_DIR: optionalString(),

  // GraphQL resource limits and network defaults (docs/security.md).
  GRAPHQL_MAX_COST: int(2000, 1),
  /** Multiplies every plan's rate-limit bucket (size and refill rate; docs/partners.md). */
  API_POINTS_SCALE: z.coerce.number().positive().max(1000).default(1),
  GRAPHQL_MAX_DEPTH: int(12, 1, 1000),
  GRAPHQL_MAX_ALIASES: int(30, 0, 10_000),
  GRAPHQL_MAX_TOKENS: int(4000, 100, 1_000_000),
  GRAPHQL_MAX_DIRECTIVES: int(50, 0, 10_000),
  GRAPHQL_INTROSPECTION: z.enum(['auto', 'on', 'signed-in', 'off']).default('auto'),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: int(10, 1, 1000),
  WS_MAX_SUBSCRIPTIONS_PER_USER: int(20, 1, 10_000),
  WS_IDLE_TIMEOUT_SECONDS: int(300, 1, 86_400),
  TRUST_PROXY: optionalString(),

  MONGODB_URI: optionalString(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/, 'letters, digits, _ and - only').default('soash'),
  DATA_DIR: optionalString(),
  EMBEDDED_DB_PORT: int(27117, 1, 65535),

  JWT_SECRET: optionalString().pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  ACCESS_TOKEN_TTL_SECONDS: int(900, 60, 86_400),
  REFRESH_TOKEN_TTL_DAYS: int(30, 1, 365),
  TOKEN_ENCRYPTION_KEYS: optionalString(),

  WORKER_MODE: z.enum(['inline', 'off']).default('inline'),
  WORKER_POLL_MS: int(2000, 50, 60_000),
  TOKEN_REFRESH_MARGIN_HOURS: int(72, 1, 24 * 30),
  BACKFILL_DAYS: int(90, 1, 3650),
  SYNC_COOLDOWN_SECONDS: int(300, 0, 86_400),
  METRICS_RETENTION_DAYS: int(365, 30, 3650),
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),

  SMTP_URL: optionalString(),
  MAIL_FROM: z.string().default('Soash <no-reply@soash.local>'),

  REFERRAL_COMMISSION_RATE: z.coerce.number().min(0).max(1).default(0.2),
  REFERRAL_HOLD_DAYS: int(30, 0, 365),

  /** Webhook targets allowed although not public: host names, addresses, CIDR ranges (comma-separated). */
  WEBHOOK_ALLOWED_HOSTS: optionalString().refine((v) => !invalidAllowlistEntries(v).length, {
    message: 'a comma-separated list of host names, IP addresses and CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8,hooks.internal)',
  }),
  /** Longest a webhook delivery may take (connect, send, read the answer). */
  WEBHOOK_TIMEOUT_SECONDS: int(10, 1, 60),

  // PDF reports (docs/reports.md): headless Chromium prints the web app's report page.
  /** The Chromium (or Chrome) binary; default /usr/bin/chromium, else playwright's own browser when installed. */
  CHROMIUM_PATH: optionalString(),
  /** Where the renderer opens the web app (default WEB_APP_URL); in docker-compose the web container, http://web. */
  REPORT_RENDER_URL: url().optional(),
  /** PDFs rendered at once by one process (further ones wait their turn). */
  PDF_RENDER_CONCURRENCY: int(2, 1, 16),
  /** Longest one PDF may take (waiting for a turn, loading the report, printing). */
  PDF_RENDER_TIMEOUT_SECONDS: int(60, 5, 600),

  LLM_BASE_URL: url().optional(),
  LLM_API_KEY: optionalString(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),

  INSTAGRAM_CLIENT_ID: optionalString(),
  INSTAGRAM_CLIENT_SECRET: optionalString(),
  INSTAGRAM_API_URL: url().default('https://graph.instagram.com'),
  INSTAGRAM_AUTH_URL: url().default('https://www.instagram.com/oauth/authorize'),
  INSTAGRAM_TOKEN_URL: url().default('https://api.instagram.com/oauth/access_token'),
  /** How often live Instagram stories are read (their insights vanish 24 h after posting). */
  INSTAGRAM_STORY_POLL_MINUTES: int(120, 15, 720),
  /** Meta Graph API version for Instagram and Facebook calls ("v23.0"). */
  GRAPH_API_VERSION: z.string().regex(/^v\d{1,3}\.\d$/, 'a Graph API version such as v23.0').default('v23.0'),
  FACEBOOK_APP_ID: optionalString(),
  FACEBOOK_APP_SECRET: optionalString(),
  FACEBOOK_API_URL: url().default('https://graph.facebook.com'),
  FACEBOOK_AUTH_URL: url().default('https://www.facebook.com/v23.0/dialog/oauth'),
  FACEBOOK_LOGIN_CONFIG_ID: optionalString().pipe(z.string().regex(/^\d{1,30}$/, 'the numeric configuration id from Facebook Login for Business → Configurations').optional()),
  TWITTER_CLIENT_ID: optionalString(),
  TWITTER_CLIENT_SECRET: optionalString(),
  TWITTER_API_URL: url().default('https://api.x.com'),
  TWITTER_AUTH_URL: url().default('https://x.com/i/oauth2/authorize'),
  /** Post reads (billed per post by X pay-per-use) all X accounts together may spend per UTC month; 0 = no limit. */
  TWITTER_MONTHLY_POST_READS: int(10_000, 0, 2_000_000),
  LINKEDIN_CLIENT_ID: optionalString(),
  LINKEDIN_CLIENT_SECRET: optionalString(),
  LINKEDIN_API_URL: url().default('https://api.linkedin.com'),
  LINKEDIN_AUTH_URL: url().default('https://www.linkedin.com/oauth/v2/authorization'),
  LINKEDIN_TOKEN_URL: url().default('https://www.linkedin.com/oauth/v2/accessToken'),
  LINKEDIN_API_VERSION: z.string().regex(/^\d{6}(\.\d{2})?$/, 'a LinkedIn API version such as 202611 (YYYYMM)').default('202611'),
  TIKTOK_CLIENT_KEY: optionalString(),
  TIKTOK_CLIENT_SECRET: optionalString(),
  TIKTOK_API_URL: url().default('https://open.tiktokapis.com'),
  TIKTOK_AUTH_URL: url().default('https://www.tiktok.com/v2/auth/authorize/'),
  /** TikTok Open API version in request paths ("v2"). */
  TIKTOK_API_VERSION: z.string().regex(/^v\d{1,2}$/, 'a TikTok API version such as v2').default('v2'),
});

export type Env = z.output<typeof envSchema>;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface Config extends Env {
  HOST: string;
  /** Express's `trust proxy` value from TRUST_PROXY: false (trust no one), a hop count or addresses. */
  trustProxy: false | number | string[];
  /** Who may introspect: everyone, signed-in callers only, or no one. */
  introspection: 'on' | 'signed-in' | 'off';
  publicUrl: string;
  webAppUrl: string;
  /** The web app's address as the PDF renderer reaches it (REPORT_RENDER_URL, default webAppUrl). */
  reportRenderUrl: string;
  corsOrigins: string[];
  dataDir: string;
  jwtSecret: string;
  /** First key encrypts; every key can decrypt (rotation). */
  encryptionKeys: EncryptionKey[];
  logFormat: 'text' | 'json';
  isProduction: boolean;
  /** Secrets that were generated for local use because none were configured. */
  generatedSecrets: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

const KEY_SPEC = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/;

function parseKeys(raw: string, problems: string[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = KEY_SPEC.exec(part);
    const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
    if (!m || !key || key.length !== 32) {
      problems.push('TOKEN_ENCRYPTION_KEYS: each entry must be "<keyId>:<base64 of 32 random bytes>", comma-separated');
      return [];
    }
    if (keys.some((k) => k.id === m[1])) {
      problems.push(`TOKEN_ENCRYPTION_KEYS: key id "${m[1]}" appears twice`);
      return [];
    }
    keys.push({ id: m[1]!, key });
  }
  if (keys.length === 0) problems.push('TOKEN_ENCRYPTION_KEYS: no key given');
  return keys;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

/**
 * TRUST_PROXY: which peers may set X-Forwarded-For. Unset or "false": none (the client address
 * is the socket's). A number: that many hops in front. Otherwise a comma-separated list of
 * addresses, CIDR ranges or express's names (loopback, linklocal, uniquelocal). "true" (trust
 * anyone, so anyone can pick their address) is refused.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((p) => !PROXY_NAMES.has(p) && !IPV4.test(p) && !(p.includes(':') && IPV6.test(p)));
  if (raw === 'true' || bad.length || list.length === 0) {
    problems.push(
      `TRUST_PROXY: name the proxies in front of the API (addresses, CIDR ranges, loopback, linklocal, uniquelocal) or a hop count; got ${JSON.stringify(raw)}`,
    );
    return false;
  }
  return list;
}

/** Loads `.env` from the project root when there is one; variables already set win. */
export function loadDotEnv(root = findProjectRoot()): string | undefined {
  const file = join(root, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}

/** The monorepo root (the folder holding turbo.json), or the current folder. */
export function findProjectRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

interface LocalSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

/** Outside production, missing secrets are generated once and kept in DATA_DIR so restarts keep sessions. */
function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    encryptionKey: `local1:${randomBytes(32).toString('base64')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  // An empty value means "not set" (as in .env.example).
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}${i.path.length ? ` (got ${JSON.stringify(env[String(i.path[0])] ?? null)})` : ''}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR ?? join(findProjectRoot(), '.data'));
  const generatedSecrets: string[] = [];

  let jwtSecret = e.JWT_SECRET;
  let keysRaw = e.TOKEN_ENCRYPTION_KEYS;
  if (isProduction) {
    if (!jwtSecret) problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 random characters)');
    if (!keysRaw) problems.push('TOKEN_ENCRYPTION_KEYS: required when NODE_ENV=production ("<keyId>:<base64 of 32 bytes>")');
  } else if (!jwtSecret || !keysRaw) {
    const local = e.NODE_ENV === 'test'
      ? { jwtSecret: randomBytes(48).toString('base64url'), encryptionKey: `test1:${randomBytes(32).toString('base64')}` }
      : localSecrets(dataDir);
    if (!jwtSecret) {
      jwtSecret = local.jwtSecret;
      generatedSecrets.push('JWT_SECRET');
    }
    if (!keysRaw) {
      keysRaw = local.encryptionKey;
      generatedSecrets.push('TOKEN_ENCRYPTION_KEYS');
    }
  }
  const encryptionKeys = keysRaw ? parseKeys(keysRaw, problems) : [];
  const trustProxy = parseTrustProxy(e.TRUST_PROXY, problems);
  if (problems.length) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const webAppUrl = (e.WEB_APP_URL ?? publicUrl).replace(/\/$/, '');
  const corsOrigins = e.CORS_ORIGINS
    ? e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean)
    : [...new Set([publicUrl, webAppUrl, 'http://localhost:5173'])];

  return {
    ...e,
    HOST: e.HOST ?? (e.MONGODB_URI ? '0.0.0.0' : '127.0.0.1'),
    trustProxy,
    introspection: e.GRAPHQL_INTROSPECTION === 'auto' ? (isProduction ? 'signed-in' : 'on') : e.GRAPHQL_INTROSPECTION,
    publicUrl,
    webAppUrl,
    reportRenderUrl: (e.REPORT_RENDER_URL ?? webAppUrl).replace(/\/$/, ''),
    corsOrigins,
    dataDir,
    jwtSecret: jwtSecret!,
    encryptionKeys,
    logFormat: e.LOG_FORMAT ?? (isProduction ? 'json' : 'text'),
    isProduction,
    generatedSecrets,
  };
}
