import { log } from '../../lib/logger.js';
import { capitalise, inSentence, list } from './wording.js';

/**
 * Writes the title and text of a content idea from its brief. The template writer is built in and
 * deterministic; the LLM writer calls an OpenAI-compatible chat-completions endpoint (LLM_BASE_URL)
 * and falls back to the template writer on any failure.
 */
export interface IdeaBrief {
  /** What the idea builds on. */
  angle: 'content_type' | 'top_post' | 'hashtag';
  /** The brief as text (stored as contentBrief, sent to the LLM). */
  text: string;
  /** Singular and plural of the format: "story", "stories". */
  contentTypeLabel?: string;
  contentTypePlural?: string;
  hashtag?: string;
  topPostCaption?: string;
  industry?: string;
  audience?: string;
  brandName?: string;
  brandValues: string[];
  goals: string[];
}

export interface IdeaText {
  title: string;
  description: string;
  writer: 'template' | 'llm';
}

export interface IdeaWriter {
  write(brief: IdeaBrief): Promise<IdeaText>;
}


/** Deterministic ideas from the brief's facts (same brief, same text). */
export const templateWriter: IdeaWriter = {
  async write(b: IdeaBrief): Promise<IdeaText> {
    const audience = b.audience ? ` for ${inSentence(b.audience)}` : '';
    const values = b.brandValues.length ? ` Let it show ${list(b.brandValues.slice(0, 3))}.` : '';
    const goal = b.goals.length ? ` Tie the call to action to your goal: ${b.goals[0]}.` : '';
    const industry = b.industry ? ` in ${inSentence(b.industry)}` : '';
    switch (b.angle) {
      case 'content_type':
        return {
          title: `A new ${b.contentTypeLabel ?? 'post'} series${audience}`.slice(0, 200),
          description: (
            `${capitalise(b.contentTypePlural ?? (b.contentTypeLabel ? `${b.contentTypeLabel}s` : 'posts'))} are your strongest format. Plan a short recurring series of them` +
            `${industry}: one practical tip or story per episode, the hook in the first seconds or first line.${values}${goal}`
          ).slice(0, 4000),
          writer: 'template',
        };
      case 'hashtag':
        return {
          title: `More content around #${b.hashtag}`.slice(0, 200),
          description: (
            `Posts tagged #${b.hashtag} do well with your audience. Create a post that goes deeper into that theme${audience}` +
            ` — answer a question your followers ask about it, or show how you approach it.${values}${goal}`
          ).slice(0, 4000),
          writer: 'template',
        };
      default:
        return {
          title: 'A follow-up to your best recent post'.slice(0, 200),
          description: (
            `Your best recent post${b.topPostCaption ? ` ("${b.topPostCaption.slice(0, 80)}")` : ''} resonated. Publish a follow-up:` +
            ` answer the comments it drew, show what happened next, or turn it into a step-by-step version${audience}.${values}${goal}`
          ).slice(0, 4000),
          writer: 'template',
        };
    }
  },
};


export interface LlmOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fallback?: IdeaWriter;
}

const SYSTEM_PROMPT =
  'You write social media content ideas for a brand. Reply with one JSON object only, no prose: ' +
  '{"title": "<at most 80 characters>", "description": "<2-4 sentences: what to post, the hook, the format, the call to action>"}. ' +
  'Use only the facts in the brief; do not invent numbers.';

/** Pulls the first JSON object out of a reply (models sometimes wrap it in a code fence). */
function parseIdea(content: string): { title: string; description: string } | null {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const o = JSON.parse(content.slice(start, end + 1)) as { title?: unknown; description?: unknown };
    if (typeof o.title !== 'string' || typeof o.description !== 'string' || !o.title.trim() || !o.description.trim()) return null;
    return { title: o.title.trim().slice(0, 200), description: o.description.trim().slice(0, 4000) };
  } catch {
    return null;
  }
}

/** An OpenAI-compatible writer: POST {baseUrl}/chat/completions. Never throws; falls back instead. */
export function llmWriter(opts: LlmOptions): IdeaWriter {
  const fallback = opts.fallback ?? templateWriter;
  const url = `${opts.baseUrl.replace(/\/$/, '')}/chat/completions`;
  return {
    async write(brief: IdeaBrief): Promise<IdeaText> {
      let reason: string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
          body: JSON.stringify({
            model: opts.model,
            temperature: 0.7,
            max_tokens: 400,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: brief.text },
            ],
          }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
        });
        if (res.ok) {
          const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
          const content = body.choices?.[0]?.message?.content;
          const idea = typeof content === 'string' ? parseIdea(content) : null;
          if (idea) return { ...idea, writer: 'llm' };
          reason = 'the reply held no idea';
        } else {
          reason = `HTTP ${res.status}`;
          await res.body?.cancel();
        }
      } catch (err) {
        reason = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timed out' : 'request failed';
      }
      // No URL, key or reply text in the log: only what went wrong.
      log.warn('content idea LLM unavailable; using the template writer', { reason, model: opts.model });
      return fallback.write(brief);
    },
  };
}

let configured: IdeaWriter = templateWriter;

/** Chooses the writer from configuration (LLM_BASE_URL set → LLM writer). Called at start-up. */
export function configureIdeaWriter(config: { LLM_BASE_URL?: string; LLM_API_KEY?: string; LLM_MODEL: string }): void {
  configured = config.LLM_BASE_URL ? llmWriter({ baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL }) : templateWriter;
}

export function ideaWriter(): IdeaWriter {
  return configured;
}
