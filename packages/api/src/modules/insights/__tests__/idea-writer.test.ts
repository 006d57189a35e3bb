import { describe, expect, it } from 'vitest';
import { templateWriter, type IdeaBrief } from '../idea-writer.js';

const brief: IdeaBrief = {
  angle: 'content_type',
  text: 'Industry: coffee',
  contentTypeLabel: 'reel',
  industry: 'coffee roasting',
  audience: 'home baristas',
  brandValues: ['craft', 'honesty'],
  goals: ['grow the newsletter'],
};

describe('template idea writer', () => {
  it('is deterministic and uses the brief’s facts', async () => {
    const a = await templateWriter.write(brief);
    expect(await templateWriter.write(brief)).toEqual(a);
    expect(a.writer).toBe('template');
    expect(a.title).toBe('A new reel series for home baristas');
    expect(a.description).toContain('in coffee roasting');
    expect(a.description).toContain('craft and honesty');
    expect(a.description).toContain('grow the newsletter');
  });

  it('writes every angle without profile details too', async () => {
    for (const angle of ['content_type', 'hashtag', 'top_post'] as const) {
      const idea = await templateWriter.write({ angle, text: '', hashtag: 'launch', brandValues: [], goals: [] });
      expect(idea.title.length).toBeGreaterThan(0);
      expect(idea.description).not.toContain('undefined');
    }
  });

  it('writes the plural of the format and keeps an audience lower-case inside the sentence', async () => {
    const idea = await templateWriter.write({ ...brief, contentTypeLabel: 'story', contentTypePlural: 'stories', audience: 'Local families', industry: 'Bakery' });
    expect(idea.description).toMatch(/^Stories are your strongest format/);
    expect(idea.title).toBe('A new story series for local families');
    expect(idea.description).toContain('in bakery');
    const video = await templateWriter.write({ ...brief, contentTypeLabel: 'video', contentTypePlural: 'videos', audience: 'NYC parents' });
    expect(video.description).toMatch(/^Videos are/);
    expect(video.title).toBe('A new video series for NYC parents');
  });
});
