import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ErrorCode } from '@soash/shared';
import cors from 'cors';
import express, { type Express, type Request } from 'express';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { viewerFromAuthorization } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { pingDatabase } from '../db/connection.js';
import { log } from '../lib/logger.js';
import { runtime } from '../lib/runtime.js';
import { VERSION } from '../version.js';
import { buildContext, type Context } from './context.js';
import { formatError } from './format-error.js';
import { graphiqlAssets, graphiqlPage } from './graphiql.js';
import { chargeSocketOperation, limitParseOptions, limitValidationRules, operationCosts, prefetchPlugin, queryLimitsPlugin, rateLimitPlugin, socketLimits } from './plugins/index.js';
import { httpRoutes } from './routes.js';
import { securityHeaders } from './security-headers.js';
import { buildAppSchema } from './schema.js';

export interface HttpServer {
  app: Express;
  httpServer: Server;
  apollo: ApolloServer<Context>;
  /** Base URL it listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

/** formatError for the WebSocket transport, which carries GraphQLError instances. */
function reformat(e: GraphQLError): GraphQLError {
  const f = formatError(e.toJSON(), e);
  return new GraphQLError(f.message, { nodes: e.nodes, path: e.path, extensions: f.extensions });
}

/** The header that picks the active workspace of a request (see auth/auth-checker.ts#confirmViewer). */
export const WORKSPACE_HEADER = 'x-workspace-id';

function headerValue(v: string | string[] | undefined): string | undefined {
  const one = Array.isArray(v) ? v[0] : v;
  const trimmed = one?.trim().slice(0, 64);
  return trimmed ? trimmed : undefined;
}

function clientIp(req: Request): string | undefined {
  return req.ip ?? req.socket.remoteAddress ?? undefined;
}

async function contextFromRequest(config: Config, req: Request, res: express.Response): Promise<Context> {
  const viewer = await viewerFromAuthorization(config, req.headers.authorization, { ip: clientIp(req), userAgent: req.headers['user-agent'] });
  return buildContext({
    config,
    viewer: viewer.viewer,
    authError: viewer.error,
    requestId: (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    requestedWorkspaceId: headerValue(req.headers[WORKSPACE_HEADER]),
    ip: clientIp(req),
    userAgent: req.headers['user-agent']?.slice(0, 256),
    http: { header: (name) => req.get(name) ?? undefined, appendSetCookie: (value) => void res.append('Set-Cookie', value) },
  });
}

function webDistDir(config: Config): string | undefined {
  if (!config.SERVE_WEB) return undefined;
  const candidates = [config.WEB_DIST_DIR, join(process.cwd(), '..', 'web', 'dist'), join(process.cwd(), 'packages', 'web', 'dist')].filter(
    (p): p is string => !!p,
  );
  return candidates.find((p) => existsSync(join(p, 'index.html')));
}

/**
 * The HTTP side of the API: health endpoints, GraphQL over HTTP (Apollo) and WebSocket
 * (graphql-ws), GraphiQL, module routes (OAuth callbacks, exports) and the built web app.
 */
export async function createHttpServer(config: Config, opts: { port?: number; host?: string } = {}): Promise<HttpServer> {
  const schema = await buildAppSchema();
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For counts only from the proxies named in TRUST_PROXY (none by default).
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  const httpServer = createServer(app);

  // 1 MiB per message, as for HTTP bodies (ws would take 100 MiB).
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: 1024 * 1024 });
  type WsParams = { authorization?: string; Authorization?: string; workspaceId?: string; 'X-Workspace-Id'?: string };
  const authorizationOf = (params: WsParams | undefined) => params?.authorization ?? params?.Authorization;
  const socketContext = async (ctx: { connectionParams?: WsParams; extra: { request: import('node:http').IncomingMessage } }): Promise<Context> => {
    const viewer = await viewerFromAuthorization(config, authorizationOf(ctx.connectionParams), {
      ip: ctx.extra.request.socket.remoteAddress ?? undefined,
      userAgent: ctx.extra.request.headers['user-agent'],
    });
    return buildContext({
      config,
      viewer: viewer.viewer,
      authError: viewer.error,
      requestId: randomUUID(),
      requestedWorkspaceId: headerValue(ctx.connectionParams?.workspaceId ?? ctx.connectionParams?.['X-Workspace-Id']),
      ip: ctx.extra.request.socket.remoteAddress ?? undefined,
      userAgent: ctx.extra.request.headers['user-agent']?.slice(0, 256),
    });
  };
  const wsLimits = socketLimits(
    config,
    schema,
    async (ctx) => {
      const viewer = await viewerFromAuthorization(config, authorizationOf(ctx.connectionParams as WsParams | undefined));
      return viewer.viewer?.id;
    },
    async (ctx, cost) => {
      const context = await socketContext(ctx as unknown as Parameters<typeof socketContext>[0]);
      const error = await chargeSocketOperation(config, context, cost);
      return error ? { error } : { contextValue: context };
    },
  );
  const wsCleanup = useServer<WsParams>(
    {
      schema,
      context: (ctx) => socketContext(ctx),
      onConnect: (ctx) => {
        wsLimits.onConnect(ctx);
      },
      onSubscribe: (ctx, id, payload) => wsLimits.onSubscribe(ctx, id, payload),
      onOperation: (ctx, id, _payload, _args, result) => wsLimits.onOperation(ctx, id, result) as typeof result | undefined,
      onComplete: (ctx, id) => {
        wsLimits.onDone(ctx, id);
      },
      onClose: (ctx) => {
        wsLimits.onClose(ctx);
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const r = result as ExecutionResult;
        if (!r.errors?.length) return result;
        return { ...r, errors: r.errors.map(reformat) } as typeof result;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map(reformat),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Introspection is decided per request (queryLimitsPlugin: signed-in callers in production).
    introspection: true,
    parseOptions: limitParseOptions(config),
    validationRules: limitValidationRules(config),
    // The process stops Apollo itself (lib/process.ts), in order with the scheduler and database.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No response here is cacheable (every answer is one caller's data), and Apollo's
      // cache-control plugin, on by default, hooks every resolved field to compute a policy that
      // is then always "no-store" (no field declares a cache hint): the header is set directly.
      ApolloServerPluginCacheControlDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set('cache-control', 'no-store');
            },
          };
        },
      },
      queryLimitsPlugin(config),
      // After the limits: it charges the cost they calculated.
      rateLimitPlugin(config, (ctx) => operationCosts.get(ctx)),
      // Beside the charge: the reads an operation's fields are known to need (prefetch.ts).
      prefetchPlugin(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: VERSION });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await pingDatabase();
    const worker = runtime.workerRunning();
    res.status(database && worker ? 200 : 503).json({ status: database && worker ? 'ready' : 'not ready', database, worker });
  });

  app.use('/_graphiql', graphiqlAssets());
  app.get(GRAPHQL_PATH, (req, res, next) => {
    // Browsers asking for a page get GraphiQL; GraphQL GET requests (with ?query=) go on to Apollo.
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.type('html').send(graphiqlPage({ endpoint: GRAPHQL_PATH, assetsBase: '/_graphiql' }));
      return;
    }
    next();
  });
  app.use(
    GRAPHQL_PATH,
    cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: ({ req, res }) => contextFromRequest(config, req, res) }),
  );

  for (const register of httpRoutes) register(app, config);

  const webDir = webDistDir(config);
  if (webDir) {
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    // Client-side routes: any other GET that wants HTML gets the app shell.
    app.get(/^(?!\/(graphql|oauth|exports|_graphiql|healthz|readyz)).*/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.sendFile(join(webDir, 'index.html'));
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'Not found' } });
  });
  app.use((err: unknown, _req: Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: ErrorCode.BAD_USER_INPUT, message: 'Bad request' } });
      return;
    }
    log.error('unhandled HTTP error', { error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
    res.status(500).json({ error: { code: ErrorCode.INTERNAL, message: 'Internal server error' } });
  });

  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? config.PORT, opts.host ?? config.HOST, resolve));
  const addr = httpServer.address() as AddressInfo;
  const host = addr.address === '0.0.0.0' || addr.address === '::' ? 'localhost' : addr.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;

  return {
    app,
    httpServer,
    apollo,
    url,
    close: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}
