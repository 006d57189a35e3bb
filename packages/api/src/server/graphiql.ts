import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/** GraphiQL served from npm packages (no CDN), so it works offline. */
export function graphiqlAssets(): Router {
  const router = express.Router();
  const files: Record<string, string> = {
    'react.js': join(dirname(require.resolve('react/package.json')), 'umd', 'react.production.min.js'),
    'react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd', 'react-dom.production.min.js'),
    'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
    'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
  };
  for (const [name, file] of Object.entries(files)) {
    router.get(`/${name}`, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(file);
    });
  }
  return router;
}

export function graphiqlPage(opts: { endpoint: string; assetsBase: string }): string {
  const config = JSON.stringify({ endpoint: opts.endpoint });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Soash GraphQL API</title>
  <link rel="stylesheet" href="${opts.assetsBase}/graphiql.css" />
  <style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${opts.assetsBase}/react.js"></script>
  <script src="${opts.assetsBase}/react-dom.js"></script>
  <script src="${opts.assetsBase}/graphiql.js"></script>
  <script>
    (function () {
      var cfg = ${config};
      var url = new URL(cfg.endpoint, window.location.href);
      var wsUrl = url.href.replace(/^http/, 'ws');
      // Sign in with the login mutation, then paste the access token into the Headers tab:
      // { "Authorization": "Bearer <accessToken>" }
      var fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl: wsUrl });
      var defaultQuery = '# Welcome to the Soash GraphQL API.\\n#\\n# 1. Create an account or sign in:\\n#    mutation { login(input: { email: "demo@soash.app", password: "demo-password" }) { accessToken } }\\n# 2. Put the token in the Headers tab: { "Authorization": "Bearer <accessToken>" }\\n# 3. Ask who you are:\\n#    query { me { id email } }\\n\\nquery Health {\\n  health { status database worker version }\\n}\\n';
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, shouldPersistHeaders: true })
      );
    })();
  </script>
</body>
</html>`;
}
