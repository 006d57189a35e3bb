/**
 * Sandbox accounts named after the user's brand: the generator is a pure function of the
 * account's platformUserId, so the brand (display name, handle) and the niche its industry maps to
 * travel inside that id, after a "~". Ids without the suffix (demo data, benchmarks, accounts
 * connected before) keep the generated studio names.
 */

/** Niches the generator has hashtag sets for, and words of an industry or brand that point to them. */
const NICHE_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['food', /\b(food|bak\w*|bread|cake|pastr\w*|caf[eé]\w*|coffee|tea|restaurant\w*|kitchen|cater\w*|beverage\w*|drink\w*|brew\w*|bar|bistro|deli|grocer\w*|wine|chocolate|pizza|vegan)\b/i],
  ['fitness', /\b(fitness|gym\w*|sport\w*|yoga|pilates|health\w*|wellness|wellbeing|nutrition\w*|training|trainer|coach\w*|athlet\w*|running|physio\w*)\b/i],
  ['travel', /\b(travel\w*|tour\w*|hotel\w*|hostel\w*|hospitality|holiday\w*|vacation\w*|airline\w*|trip\w*|resort\w*|adventure\w*)\b/i],
  ['fashion', /\b(fashion|apparel|cloth\w*|wear|boutique|beauty|cosmetic\w*|jewel\w*|shoe\w*|sneaker\w*|textile\w*|hair|salon)\b/i],
  ['tech', /\b(tech\w*|software|saas|app|apps|digital|cloud|data|ai|developer\w*|startup\w*|electronic\w*|gadget\w*|comput\w*|web)\b/i],
  ['marketing', /\b(marketing|agency|advertis\w*|media|consult\w*|b2b|finance|financial|legal|law|accounting|recruit\w*|real estate|insurance)\b/i],
];

/** The niche an industry (or, failing that, the brand's name and description) points to; null when none. */
export function nicheFor(...texts: ReadonlyArray<string | null | undefined>): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const [niche, re] of NICHE_WORDS) if (re.test(text)) return niche;
  }
  return null;
}

export interface SandboxBrand {
  /** One of the generator's niches. */
  niche?: string;
  /** The brand's name as the user wrote it (at most 60 characters). */
  name?: string;
}

/** "Crumb & Co. Bakery" → "crumbcobakery" (letters and digits, at most 24 characters). */
export function handleOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);
}

/** Appends the brand to a sandbox platformUserId. */
export function withBrand(platformUserId: string, brand: SandboxBrand): string {
  const clean: SandboxBrand = {};
  if (brand.niche) clean.niche = brand.niche;
  const name = brand.name?.trim().slice(0, 60);
  if (name && handleOf(name)) clean.name = name;
  if (!clean.niche && !clean.name) return platformUserId;
  return `${platformUserId}~${Buffer.from(JSON.stringify(clean), 'utf8').toString('base64url')}`;
}

/** The brand carried by a sandbox platformUserId, if any (anything malformed is ignored). */
export function brandOf(platformUserId: string): SandboxBrand {
  const at = platformUserId.lastIndexOf('~');
  if (at === -1) return {};
  try {
    const parsed = JSON.parse(Buffer.from(platformUserId.slice(at + 1), 'base64url').toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    const { niche, name } = parsed as Record<string, unknown>;
    return {
      ...(typeof niche === 'string' ? { niche } : {}),
      ...(typeof name === 'string' && name.trim() ? { name: name.trim().slice(0, 60) } : {}),
    };
  } catch {
    return {};
  }
}
