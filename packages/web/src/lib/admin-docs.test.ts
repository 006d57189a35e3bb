// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDoc, slug } from '../../build/admin-docs';
import { ADMIN_SETUP_DOCS } from '../features/platforms/ConnectPanel';
import { MAIL_SETUP_DOCS } from '../features/auth/VerifyEmailNotice';

describe('admin guides shipped with the app', () => {
  it('renders the repository’s Markdown with the heading ids the dashboard links to', () => {
    for (const link of [ADMIN_SETUP_DOCS, MAIL_SETUP_DOCS]) {
      const [path, anchor] = link.split('#') as [string, string];
      const name = /^\/docs\/(\w+)\.html$/.exec(path)![1]!;
      const html = renderDoc(readFileSync(fileURLToPath(new URL(`../../../../docs/${name}.md`, import.meta.url)), 'utf8'));
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toContain('<a class="back" href="/platforms">');
    }
  });

  it('makes GitHub-style ids and escapes raw HTML', () => {
    expect(slug('Registering apps and setting variables')).toBe('registering-apps-and-setting-variables');
    expect(renderDoc('# T\n\n<script>alert(1)</script>')).not.toContain('<script>alert');
  });
});
