import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { currentZoneName, detectTimeZone, searchZones, timeZones, zoneDisplayName } from '../../lib/dates';
import { useFormErrors } from '../../lib/useForm';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

export const BrandFormFragment = graphql(`
  fragment BrandForm_UserProfile on UserProfile {
    id
    brandName
    brandDescription
    industry
    targetAudience
    brandValues
    businessGoals
    timezone
  }
`);

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      onboardingCompleted
      ...BrandForm_UserProfile
    }
  }
`);

const FIELDS = ['brandName', 'brandDescription', 'industry', 'targetAudience', 'brandValues', 'businessGoals', 'timezone'] as const;

/** "local, fresh ,, local" → ["local", "fresh"] */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/**
 * The brand profile and time zone. Used in settings and in onboarding, where a new account's
 * time zone starts at the one the browser reports.
 */
export function BrandForm({
  profile: masked,
  submitLabel = 'Save brand profile',
  detectZone = false,
  onSaved,
  extraActions,
  defaultBrandName,
}: {
  profile: FragmentType<typeof BrandFormFragment>;
  submitLabel?: string;
  /** Start with the browser's time zone when the profile still has the default (UTC). */
  detectZone?: boolean;
  onSaved?: () => void;
  extraActions?: ReactNode;
  /** The brand name to start with when the profile has none yet (the company given at sign-up). */
  defaultBrandName?: string | null;
}) {
  const profile = getFragmentData(BrandFormFragment, masked);
  // Changing the brand profile is for admins and the owner; others see it read only, with why.
  const mayEdit = usePermissions().can('editSettings');
  const detected = useMemo(detectTimeZone, []);
  const zones = useMemo(timeZones, []);
  const [form, setForm] = useState({
    brandName: profile.brandName ?? defaultBrandName ?? '',
    brandDescription: profile.brandDescription ?? '',
    industry: profile.industry ?? '',
    targetAudience: profile.targetAudience ?? '',
    brandValues: profile.brandValues.join(', '),
    businessGoals: profile.businessGoals.join(', '),
    timezone: detectZone && profile.timezone === 'UTC' ? detected : currentZoneName(profile.timezone),
  });
  const [zoneQuery, setZoneQuery] = useState('');
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateProfileMutation);
  const { errors, setErrors, fromApi, formRef } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };
  const allZones = zones.includes(form.timezone) ? zones : [form.timezone, ...zones];
  // The list shows the zones matching the search, and always the one chosen.
  const found = searchZones(allZones, zoneQuery);
  const zoneOptions = found.includes(form.timezone) ? found : [form.timezone, ...found];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const values = splitList(form.brandValues);
    const goals = splitList(form.businessGoals);
    if (values.length > 20) fields.brandValues = 'Use at most 20 values.';
    if (goals.length > 20) fields.businessGoals = 'Use at most 20 goals.';
    if ([...values, ...goals].some((v) => v.length > 60)) fields[values.some((v) => v.length > 60) ? 'brandValues' : 'businessGoals'] = 'Keep each entry to 60 characters.';
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const result = await update({
      input: {
        brandName: form.brandName.trim() || null,
        brandDescription: form.brandDescription.trim() || null,
        industry: form.industry.trim() || null,
        targetAudience: form.targetAudience.trim() || null,
        brandValues: values,
        businessGoals: goals,
        timezone: form.timezone,
      },
    });
    if (result.error) return fromApi(result.error);
    setErrors({ fields: {}, form: null });
    setSaved(true);
    onSaved?.();
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="Brand profile">
      <RoleNote permission={mayEdit} id="brand-role" />
      <FormError message={errors.form} />
      <fieldset className="plain-fieldset stack" disabled={!mayEdit.allowed} aria-describedby={mayEdit.allowed ? undefined : 'brand-role'}>
        <div className="form-grid">
          <TextField label="Brand name" value={form.brandName} onChange={set('brandName')} error={errors.fields.brandName} />
          <TextField label="Industry" value={form.industry} onChange={set('industry')} error={errors.fields.industry} placeholder="e.g. Food & drink" />
        </div>
        <TextAreaField
          label="What your brand is about"
          value={form.brandDescription}
          onChange={set('brandDescription')}
          error={errors.fields.brandDescription}
          hint="A sentence or two. Content ideas use it."
        />
        <TextField label="Target audience" value={form.targetAudience} onChange={set('targetAudience')} error={errors.fields.targetAudience} placeholder="e.g. Local families, food lovers" />
        <div className="form-grid">
          <TextField label="Brand values" value={form.brandValues} onChange={set('brandValues')} error={errors.fields.brandValues} hint="Separate with commas, e.g. local, fresh, playful." />
          <TextField label="Business goals" value={form.businessGoals} onChange={set('businessGoals')} error={errors.fields.businessGoals} hint="Separate with commas, e.g. grow followers, sell online." />
        </div>
        <TextField
          label="Find a time zone"
          type="search"
          value={zoneQuery}
          onChange={(e) => setZoneQuery(e.target.value)}
          placeholder="City or region, e.g. Kolkata"
          hint={zoneQuery.trim() ? `${found.length === 1 ? '1 zone matches' : `${found.length} zones match`}.` : undefined}
          autoComplete="off"
        />
        <SelectField
          label="Time zone"
          value={form.timezone}
          onChange={(e) => {
            set('timezone')(e);
            setZoneQuery('');
          }}
          error={errors.fields.timezone}
          hint={
            form.timezone === detected ? (
              'Days and posting hours in your analytics follow this zone.'
            ) : (
              <>
                Your browser is set to {detected}.{' '}
                <button type="button" className="link-button" onClick={() => setForm((f) => ({ ...f, timezone: detected }))}>
                  Use {detected}
                </button>
              </>
            )
          }
        >
          {zoneOptions.map((z) => (
            <option key={z} value={z}>
              {zoneDisplayName(z)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <div className="row">
        {mayEdit.allowed && (
          <Button type="submit" loading={fetching}>
            {submitLabel}
          </Button>
        )}
        {extraActions}
        {saved && (
          <span className="small delta-up" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
