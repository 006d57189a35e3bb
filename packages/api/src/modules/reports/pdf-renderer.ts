import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AppError } from '../../lib/errors.js';
import { log } from '../../lib/logger.js';
import { ErrorCode } from '@soash/shared';
import { EMPTY_ALLOWLIST, resolveTarget } from '../webhooks/ssrf.js';

/**
 * Headless Chromium that prints web pages to PDF: one browser per process, started on first use
 * and reused, a small number of pages at a time (the rest wait their turn), every print bounded by
 * a timeout, closed when the process stops (app.ts). Each print gets a fresh browser context, so
 * nothing (cookies, storage) carries from one print to the next.
 *
 * The page may load anything from its own origin (the web app and the API behind it) and, beyond
 * that, only https images on public addresses (a report's logo, post thumbnails): the browser runs
 * inside the deployment's network, so a logo URL must not reach its private services (the webhook
 * SSRF guard decides what is public).
 */

export type Paper = 'A4' | 'LETTER';

/** Printable area and margins per paper, in millimetres (A4 210 × 297, Letter 8.5 × 11 in). */
export const PAPER: Record<Paper, { format: 'A4' | 'Letter'; widthMm: number; heightMm: number }> = {
  A4: { format: 'A4', widthMm: 210, heightMm: 297 },
  LETTER: { format: 'Letter', widthMm: 215.9, heightMm: 279.4 },
};
export const PDF_MARGIN_MM = { top: 20, bottom: 16, side: 12 } as const;
const CSS_PX_PER_MM = 96 / 25.4;

/** Width in CSS pixels of the paper's printable area: the page is laid out at this width, so charts are sized for paper. */
export function printableWidthPx(paper: Paper): number {
  return Math.floor((PAPER[paper].widthMm - 2 * PDF_MARGIN_MM.side) * CSS_PX_PER_MM);
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface PdfRendererSettings {
  /** CHROMIUM_PATH; unset: /usr/bin/chromium, else playwright's own browser when installed. */
  chromiumPath?: string;
  concurrency: number;
  timeoutMs: number;
}

/** The browser could not be started or the page could not be printed: `PDF_UNAVAILABLE`, with a message safe to show. */
export function pdfUnavailable(message = 'PDF export is not available right now; try again later or use Excel'): AppError {
  return new AppError(ErrorCode.PDF_UNAVAILABLE, message);
}

/** Which browser binary to start, or undefined when there is none. */
export function resolveChromiumPath(configured: string | undefined, exists: (p: string) => boolean = existsSync): string | undefined {
  if (configured) return exists(configured) ? configured : undefined;
  if (exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const own = chromium.executablePath();
    return own && exists(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

/** A counting semaphore whose waiters give up after their deadline. */
class Slots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async acquire(deadline: number): Promise<void> {
    if (this.busy < this.size) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(pdfUnavailable('Too many PDFs are being rendered; try again in a minute'));
      }, Math.max(0, deadline - Date.now()));
      this.waiting.push(grant);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }
}

/** Whether the page being printed may load `raw`: its own origin, inline data, or an https image on a public address. */
export async function mayLoad(raw: string, pageOrigin: string, resourceType: string): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return false;
  }
  if (target.origin === pageOrigin || target.protocol === 'data:' || target.protocol === 'blob:') return true;
  if (resourceType !== 'image' || target.protocol !== 'https:' || target.username || target.password) return false;
  try {
    await resolveTarget(target, EMPTY_ALLOWLIST);
    return true;
  } catch {
    return false;
  }
}

export class PdfRenderer {
  private browser?: Promise<Browser>;
  private readonly slots: Slots;
  private closed = false;

  constructor(private readonly settings: PdfRendererSettings) {
    this.slots = new Slots(settings.concurrency);
  }

  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(pdfUnavailable('The PDF renderer is shutting down'));
    if (!this.browser) {
      const executablePath = resolveChromiumPath(this.settings.chromiumPath);
      if (!executablePath) {
        log.warn('PDF export: no Chromium found; install chromium or set CHROMIUM_PATH');
        return Promise.reject(pdfUnavailable('PDF export is not available on this server (no Chromium installed)'));
      }
      const started = chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: this.settings.timeoutMs }).then((b) => {
        // A crashed browser is started again on the next print.
        b.on('disconnected', () => {
          if (this.browser === started) this.browser = undefined;
        });
        return b;
      });
      started.catch((err: unknown) => {
        if (this.browser === started) this.browser = undefined;
        log.warn('PDF export: Chromium did not start', { error: err instanceof Error ? err.message : String(err) });
      });
      this.browser = started;
    }
    return this.browser.catch(() => {
      throw pdfUnavailable('PDF export is not available on this server (Chromium did not start)');
    });
  }

  /** Starts the browser when it is not running: PDF_UNAVAILABLE when there is none or it does not start. */
  async ready(): Promise<void> {
    await this.launch();
  }

  /**
   * Opens `url` in a fresh context at the paper's printable width, lets `prepare` wait for the page
   * and read what it needs, then prints it. Any failure of the browser or the page (including the
   * timeout) is `PDF_UNAVAILABLE`; an AppError thrown by `prepare` passes through as it is.
   */
  async print<T>(url: string, paper: Paper, prepare: (page: Page, deadline: number) => Promise<T>, pdfOptions: (prepared: T) => Parameters<Page['pdf']>[0]): Promise<{ pdf: Buffer; prepared: T }> {
    const deadline = Date.now() + this.settings.timeoutMs;
    await this.slots.acquire(deadline);
    let timer: NodeJS.Timeout | undefined;
    let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
    try {
      const work = (async () => {
        const browser = await this.launch();
        context = await browser.newContext({
          viewport: { width: printableWidthPx(paper), height: 1000 },
          reducedMotion: 'reduce',
          javaScriptEnabled: true,
          serviceWorkers: 'block',
        });
        const origin = new URL(url).origin;
        await context.route('**/*', async (route) => {
          const req = route.request();
          if (await mayLoad(req.url(), origin, req.resourceType())) await route.continue();
          else await route.abort('blockedbyclient');
        });
        const page = await context.newPage();
        page.setDefaultTimeout(Math.max(1000, deadline - Date.now()));
        await page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        const prepared = await prepare(page, deadline);
        const pdf = await page.pdf(pdfOptions(prepared));
        return { pdf, prepared };
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(pdfUnavailable('The PDF took too long to render; try again')), Math.max(0, deadline - Date.now()));
      });
      // A print that outlives its timeout still closes its context when it ends.
      work.catch(() => undefined).then(() => context?.close().catch(() => undefined), () => undefined);
      return await Promise.race([work, timeout]);
    } catch (err) {
      if (err instanceof AppError) throw err;
      log.warn('PDF export: printing failed', { error: err instanceof Error ? err.message : String(err) });
      throw pdfUnavailable('The PDF could not be rendered; try again');
    } finally {
      clearTimeout(timer);
      await context?.close().catch(() => undefined);
      this.slots.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = undefined;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }
}
