import { PlatformType } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { brandOf, handleOf, nicheFor, withBrand } from '../brand.js';
import { postsOnDay, sandboxAccount } from '../generator.js';

describe('sandbox accounts named after the brand', () => {
  it('maps an industry (or the brand) to one of the generator’s niches', () => {
    expect(nicheFor('Food & beverage')).toBe('food');
    expect(nicheFor('Bakery')).toBe('food');
    expect(nicheFor(null, 'Crumb Bakery')).toBe('food');
    expect(nicheFor('Yoga studio')).toBe('fitness');
    expect(nicheFor('Boutique hotels')).toBe('travel'); // travel words are tried before fashion words
    expect(nicheFor('B2B software')).toBe('tech');
    expect(nicheFor('Gardening', 'Green Thumb')).toBeNull();
  });

  it('carries name and niche inside the platformUserId, and ignores anything malformed', () => {
    const id = withBrand('sandbox-INSTAGRAM-abc', { name: 'Crumb & Co. Bakery', niche: 'food' });
    expect(id.startsWith('sandbox-INSTAGRAM-abc~')).toBe(true);
    expect(brandOf(id)).toEqual({ name: 'Crumb & Co. Bakery', niche: 'food' });
    expect(withBrand('sandbox-x', {})).toBe('sandbox-x');
    expect(brandOf('sandbox-x')).toEqual({});
    expect(brandOf('sandbox-x~not-json')).toEqual({});
    expect(handleOf('Crème Brûlée Café')).toBe('cremebruleecafe');
  });

  it('generates the account under the brand’s name, posting about its niche', () => {
    const id = withBrand('sandbox-INSTAGRAM-abc', { name: 'Crumb Bakery', niche: 'food' });
    const acc = sandboxAccount(id, PlatformType.INSTAGRAM, { postsPerDay: 6 });
    expect(acc).toMatchObject({ username: 'crumbbakery', displayName: 'Crumb Bakery', niche: 'food' });
    expect(acc.tags).toContain('baking');
    expect(acc.tags).not.toContain('fitness');
    const day = Math.floor(Date.UTC(2026, 5, 1) / 86_400_000);
    const tags = new Set([0, 1, 2, 3].flatMap((d) => postsOnDay(acc, day + d).flatMap((p) => p.hashtags)));
    expect([...tags].some((t) => ['food', 'foodie', 'recipe', 'baking', 'dessert', 'coffee', 'brunch'].includes(t))).toBe(true);
    // Without a brand the generated studio name stays.
    expect(sandboxAccount('sandbox-INSTAGRAM-abc', PlatformType.INSTAGRAM).displayName).toMatch(/ Studio \d+$/);
  });
});
