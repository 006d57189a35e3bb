/**
 * The one place that turns the API's field names into the words the forms use. API messages name
 * input fields as the schema spells them ("currentPassword is incorrect"); people see "Your
 * current password is not right." Every message shown from an API error goes through
 * `humanizeMessage` (lib/errors.ts and ui/States.tsx call it).
 */

/** API input field → how the form labels it (lower case, as used inside a sentence). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  firstName: 'first name',
  lastName: 'last name',
  email: 'email address',
  password: 'password',
  currentPassword: 'current password',
  newPassword: 'new password',
  company: 'company',
  referralCode: 'referral code',
  avatarUrl: 'picture address',
  brandName: 'brand name',
  brandDescription: 'brand description',
  industry: 'industry',
  targetAudience: 'target audience',
  brandValues: 'brand values',
  businessGoals: 'business goals',
  timezone: 'time zone',
  colorCode: 'colour',
  categoryIds: 'categories',
  categoryId: 'category',
  platformIds: 'accounts',
  hashtag: 'hashtag',
  search: 'search',
  from: 'start date',
  to: 'end date',
  range: 'date range',
  token: 'link',
  score: 'rating',
};

/** Whole messages with a better wording of their own ($label is the field's label). */
const REWRITES: [RegExp, (label: string, field: string) => string][] = [
  [/^currentPassword is incorrect\.?$/, () => 'Your current password is not right.'],
  [/^password is incorrect\.?$/, () => 'Your password is not right.'],
  [/^newPassword must differ from the current password\.?$/, () => 'Choose a new password that is different from your current one.'],
  [/^(\w+) must not be empty\.?$/, (label) => `Enter your ${label}.`],
  [/^(\w+) must be a non-empty string\.?$/, (label) => `Enter your ${label}.`],
];

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** The label of an API field ("input.currentPassword" → "current password"), or null when unknown. */
export function fieldLabel(field: string): string | null {
  const leaf = field.slice(field.lastIndexOf('.') + 1);
  return FIELD_LABELS[leaf] ?? null;
}

/**
 * A message written for the person using the form: known messages get their own wording, field
 * names become their labels, and it starts with a capital and ends with a full stop.
 */
export function humanizeMessage(message: string): string {
  const text = message.trim();
  for (const [re, write] of REWRITES) {
    const m = re.exec(text);
    if (!m) continue;
    const field = m[1] ?? '';
    const label = field ? fieldLabel(field) : '';
    if (field && label === null) continue;
    return write(label ?? '', field);
  }
  // camelCase identifiers that are known fields ("brandName must be…" → "Brand name must be…").
  // A sentence that starts with a field name ("timezone must be…" → "Time zone must be…").
  const replaced = text
    .replace(/^([a-z][A-Za-z]*)(?= (?:must|may|is|should|cannot|has|needs)\b)/, (word) => FIELD_LABELS[word] ?? word)
    .replace(/\b([a-z]+[A-Z][A-Za-z]*)\b/g, (word) => FIELD_LABELS[word] ?? word);
  const sentence = capitalise(replaced);
  return /[.!?…)]$/.test(sentence) ? sentence : `${sentence}.`;
}
