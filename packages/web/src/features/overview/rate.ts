/**
 * The API names every rate it returns (`rateLabel`, e.g. "engagement rate by reach (Instagram) and
 * views (TikTok)"); these helpers only shorten that for tight spots, they never guess a definition.
 */
export function rateBasis(label: string | null | undefined): string {
  if (!label) return '';
  return label.replace(/^engagement rate\s*/i, '');
}
