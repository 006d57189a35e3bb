/**
 * OAuth 2.0 for third-party apps (authorization code + PKCE): the recognisable prefixes of what the
 * server hands out, so secret scanners can tell them apart, and their lifetimes. Apps ask for the
 * same scopes as API keys (api-keys.ts, API_SCOPES with their plain-word labels).
 */
export const OAUTH_CLIENT_ID_PREFIX = 'soashapp_';
export const OAUTH_CLIENT_SECRET_PREFIX = 'soashs_';
export const OAUTH_ACCESS_TOKEN_PREFIX = 'soasho_';
export const OAUTH_REFRESH_TOKEN_PREFIX = 'soashr_';
/** Access tokens live an hour; refresh tokens 30 days, renewed (and rotated) at every refresh. */
export const OAUTH_ACCESS_TOKEN_SECONDS = 3600;
export const OAUTH_REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
/** An authorization code must be exchanged within this many seconds, once. */
export const OAUTH_CODE_SECONDS = 60;
/** Most redirect URIs per app. */
export const OAUTH_MAX_REDIRECT_URIS = 10;
