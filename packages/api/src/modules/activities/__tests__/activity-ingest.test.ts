import { PlatformType } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { engagementRateOf, mergeHashtags, normalizeHashtag, parseHashtags, toEngagement } from '../activity.ingest.js';

describe('activity ingest: hashtags', () => {
  it('parses, lower-cases and de-duplicates hashtags in order of appearance', () => {
    expect(parseHashtags('Morning #Coffee and #coffee again, then #BrunchTime! #brunch_time')).toEqual(['coffee', 'brunchtime', 'brunch_time']);
  });

  it('handles non-Latin scripts, full-width marks and Unicode normalisation', () => {
    expect(parseHashtags('Guten Morgen #Frühstück ＃東京 #café')).toEqual(['frühstück', '東京', 'café']);
    // "é" precomposed and as e + combining accent are the same tag.
    expect(parseHashtags('#cafe\u0301 #caf\u00e9')).toEqual(['café']);
  });

  it('ignores what is not a hashtag: numbers, URL fragments, HTML entities, words glued to text', () => {
    expect(parseHashtags('Top #1 ranking, see https://example.com/page#section and &#39; or mail#box')).toEqual([]);
    expect(parseHashtags('')).toEqual([]);
    expect(parseHashtags(undefined)).toEqual([]);
  });

  it('normalises tags the platform lists separately and merges them with the caption', () => {
    expect(normalizeHashtag('#TypeScript')).toBe('typescript');
    expect(normalizeHashtag('##news')).toBe('news');
    expect(normalizeHashtag('2024')).toBeNull();
    expect(normalizeHashtag('not a tag')).toBeNull();
    expect(normalizeHashtag('x'.repeat(101))).toBeNull();
    expect(mergeHashtags(['BuildInPublic', 'ts'], 'Shipping #buildinpublic #DevLog')).toEqual(['buildinpublic', 'ts', 'devlog']);
  });
});

describe('activity ingest: engagement', () => {
  it('fills the total from the reported counters and keeps unreported ones null', () => {
    expect(toEngagement({ likes: 10, comments: 2, shares: undefined, saves: 3, reach: 100 })).toEqual({
      likes: 10,
      comments: 2,
      shares: null,
      saves: 3,
      impressions: null,
      reach: 100,
      views: null,
      navigation: null,
      total: 15,
    });
  });

  it("engagement rate = total / the platform's denominator (the metric model), null without it", () => {
    expect(engagementRateOf(PlatformType.INSTAGRAM, toEngagement({ likes: 10, comments: 5, reach: 300 }))).toBeCloseTo(0.05, 12);
    expect(engagementRateOf(PlatformType.INSTAGRAM, toEngagement({ likes: 10, views: 300 }))).toBeNull();
    expect(engagementRateOf(PlatformType.INSTAGRAM, toEngagement({ likes: 10, reach: 0 }))).toBeNull();
    // TikTok reports views, X impressions: their posts have a rate, the same as the dashboard's.
    expect(engagementRateOf(PlatformType.TIKTOK, toEngagement({ likes: 10, views: 400, reach: 50 }))).toBeCloseTo(0.025, 12);
    expect(engagementRateOf(PlatformType.TWITTER, toEngagement({ likes: 10, impressions: 200 }))).toBeCloseTo(0.05, 12);
    expect(engagementRateOf(PlatformType.TIKTOK, toEngagement({ likes: 10, reach: 50 }))).toBeNull();
  });
});
