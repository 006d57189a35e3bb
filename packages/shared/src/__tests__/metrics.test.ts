import { describe, expect, it } from 'vitest';
import { PlatformType, postEngagementRate, rateDenominator, rateLabelFor } from '../index.js';

describe('metric model', () => {
  it('divides each platform by the audience measure it reports', () => {
    const e = { total: 50, reach: 1000, views: 2000, impressions: 4000 };
    expect(postEngagementRate(PlatformType.INSTAGRAM, e)).toBe(0.05);
    expect(postEngagementRate(PlatformType.FACEBOOK, e)).toBe(0.05);
    expect(postEngagementRate(PlatformType.LINKEDIN, e)).toBe(0.05);
    expect(postEngagementRate(PlatformType.TIKTOK, e)).toBe(0.025);
    expect(postEngagementRate(PlatformType.TWITTER, e)).toBe(0.0125);
  });

  it('has no rate where the denominator is missing or zero', () => {
    expect(rateDenominator(PlatformType.TIKTOK, { total: 3, reach: 100, views: null })).toBeNull();
    expect(postEngagementRate(PlatformType.INSTAGRAM, { total: 3, reach: 0 })).toBeNull();
  });

  it('names the denominators of a set of platforms', () => {
    expect(rateLabelFor([PlatformType.INSTAGRAM])).toBe('engagement rate by reach');
    expect(rateLabelFor([PlatformType.INSTAGRAM, PlatformType.LINKEDIN, PlatformType.TIKTOK])).toBe(
      'engagement rate by reach (Instagram, LinkedIn) and views (TikTok)',
    );
    expect(rateLabelFor([PlatformType.TWITTER, PlatformType.TIKTOK, PlatformType.FACEBOOK])).toBe(
      'engagement rate by impressions (X), views (TikTok) and reach (Facebook)',
    );
  });
});
