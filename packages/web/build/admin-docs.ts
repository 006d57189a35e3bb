import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Plugin } from 'vite';

/**
 * Ships the admin guides the dashboard links to as static pages of the built app, at
 * /docs/<name>.html: docs/connectors.md (registering platform apps and setting their variables,
 * linked when a platform is not set up on this server) and docs/api.md (mail delivery, linked when
 * the server sends no mail). The pages are generated from the same Markdown the repository keeps,
 * so they cannot drift.
 */
const PAGES = ['connectors', 'api'] as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** GitHub-style heading ids ("Registering apps and setting variables" → "registering-apps-and-setting-variables"). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

export function renderDoc(markdown: string): string {
  const md = new MarkdownIt({ html: false, linkify: true });
  // Headings get ids so links such as #registering-apps-and-setting-variables land on them.
  md.core.ruler.push('heading_ids', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type === 'heading_open') tokens[i]!.attrSet('id', slug(tokens[i + 1]!.content));
    }
  });
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? 'Soash';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Soash admin guide</title>
<style>
body { font: 15px/1.6 ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1c2033; max-width: 820px; margin: 0 auto; padding: 24px 16px 64px; }
a { color: #5b3df5; } code { font: 13px ui-monospace, Menlo, Consolas, monospace; background: #f0f2f8; padding: 1px 4px; border-radius: 4px; }
pre { background: #f0f2f8; padding: 12px; border-radius: 6px; overflow-x: auto; } pre code { padding: 0; }
table { border-collapse: collapse; display: block; overflow-x: auto; } th, td { border: 1px solid #e2e5ef; padding: 6px 8px; text-align: left; vertical-align: top; }
.back { display: inline-block; margin-bottom: 16px; }
</style>
</head>
<body>
<a class="back" href="/platforms">← Back to Soash</a>
${md.render(markdown)}
</body>
</html>
`;
}

export function adminDocs(): Plugin {
  // The repository's docs/ folder, two levels above the web package (Vite's root).
  let docsDir = join(process.cwd(), '..', '..', 'docs');
  const page = (name: string) => renderDoc(readFileSync(join(docsDir, `${name}.md`), 'utf8'));
  return {
    name: 'soash-admin-docs',
    configResolved(config) {
      docsDir = join(config.root, '..', '..', 'docs');
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = PAGES.find((p) => req.url?.split(/[?#]/)[0] === `/docs/${p}.html`);
        if (!name) return next();
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page(name));
      });
    },
    generateBundle() {
      for (const name of PAGES) this.emitFile({ type: 'asset', fileName: `docs/${name}.html`, source: page(name) });
    },
  };
}
