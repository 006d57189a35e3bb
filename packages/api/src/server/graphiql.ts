import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/**
 * The welcome tab: three lines on signing in and API keys, a Login mutation and an Overview
 * query that takes its date range from the Variables tab (filled in with the last 30 days).
 * Lines stay under 60 characters so they fit the editor at 1440 px.
 */
export const WELCOME_QUERY = `# Sign in: run Login below, then copy its accessToken.
# Paste it, or an API key (soash_…), in the field above.
# Then run Overview (dates are in the Variables tab).

mutation Login($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) {
    accessToken
  }
}

query Overview($range: DateRangeInput!) {
  me {
    email
  }
  overview(input: { range: $range }) {
    posts { value previous }
    engagementRate { value previous }
  }
}
`;

/**
 * The page's script, served as a file so the Content-Security-Policy needs no inline script.
 * Reads the endpoint from the page (data-endpoint) and renders GraphiQL from the npm bundles.
 *
 * The credential field above the editor takes an API key or an access token: it is sent as
 * "Authorization: Bearer …" on HTTP and in graphql-ws's connection parameters (headers typed in
 * the Headers tab still win). It is kept in this tab's sessionStorage only, so it is gone when the
 * tab closes, and GraphiQL is rendered again with a new fetcher when it changes.
 */
const INIT_JS = `(function () {
  var root = document.getElementById('graphiql');
  var url = new URL(root.getAttribute('data-endpoint'), window.location.href);
  var day = function (offset) { return new Date(Date.now() - offset * 86400000).toISOString().slice(0, 10); };
  var variables = JSON.stringify({ email: 'you@example.com', password: '', range: { from: day(29), to: day(0) } }, null, 2);
  // GraphiQL takes the first variables from its storage (defaultQuery has none): seed them for a
  // first visit; a returning visitor keeps their own query and variables.
  try {
    if (localStorage.getItem('graphiql:query') === null && localStorage.getItem('graphiql:variables') === null) {
      localStorage.setItem('graphiql:variables', variables);
    }
  } catch (e) {
    /* storage unavailable: GraphiQL starts with empty variables */
  }
  var input = document.getElementById('credential');
  var clear = document.getElementById('credential-clear');
  var STORE = 'soash.graphiql.credential';
  var stored = null;
  try {
    stored = sessionStorage.getItem(STORE);
  } catch (e) {
    /* storage unavailable: the field lasts as long as the page */
  }
  if (stored) input.value = stored;
  var app = ReactDOM.createRoot(root);
  var render = function () {
    var credential = input.value.trim();
    var auth = credential ? 'Bearer ' + credential : null;
    var fetcher = GraphiQL.createFetcher({
      url: url.href,
      subscriptionUrl: url.href.replace(/^http/, 'ws'),
      headers: auth ? { Authorization: auth } : {},
      wsConnectionParams: auth ? { authorization: auth } : {},
    });
    app.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: ${JSON.stringify(WELCOME_QUERY)},
        defaultEditorToolsVisibility: 'variables',
        shouldPersistHeaders: true,
      })
    );
  };
  var remember = function () {
    try {
      if (input.value.trim()) sessionStorage.setItem(STORE, input.value.trim());
      else sessionStorage.removeItem(STORE);
    } catch (e) {
      /* not kept */
    }
    render();
  };
  input.addEventListener('change', remember);
  clear.addEventListener('click', function () {
    input.value = '';
    remember();
    input.focus();
  });
  render();
})();
`;

const PAGE_CSS = `html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;font-family:system-ui,sans-serif}
.credential-bar{display:flex;flex-wrap:wrap;align-items:center;gap:6px 8px;padding:6px 12px;border-bottom:1px solid #ddd;font-size:14px}
.credential-bar input{flex:1 1 220px;min-width:0;padding:4px 8px;font:inherit;font-family:monospace}
.credential-bar .hint{color:#555;font-size:12px}
#graphiql{flex:1;min-height:0}
`;

/** GraphiQL served from npm packages (no CDN), so it works offline; no inline script or style. */
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
  router.get('/init.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('js').send(INIT_JS);
  });
  router.get('/page.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('css').send(PAGE_CSS);
  });
  return router;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function graphiqlPage(opts: { endpoint: string; assetsBase: string }): string {
  const a = opts.assetsBase;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Soash GraphQL API</title>
  <link rel="stylesheet" href="${a}/graphiql.css" />
  <link rel="stylesheet" href="${a}/page.css" />
</head>
<body>
  <form class="credential-bar" id="credential-form" autocomplete="off">
    <label for="credential">API key or access token</label>
    <input id="credential" name="credential" type="password" spellcheck="false" placeholder="soash_… or a token from login" aria-describedby="credential-hint" />
    <button type="button" id="credential-clear">Clear</button>
    <span class="hint" id="credential-hint">Sent as Authorization: Bearer; kept in this tab only.</span>
  </form>
  <div id="graphiql" data-endpoint="${escapeAttr(opts.endpoint)}">Loading GraphiQL…</div>
  <script src="${a}/react.js"></script>
  <script src="${a}/react-dom.js"></script>
  <script src="${a}/graphiql.js"></script>
  <script src="${a}/init.js"></script>
</body>
</html>`;
}
