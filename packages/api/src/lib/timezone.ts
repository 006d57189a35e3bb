import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Shape of an IANA zone name ("Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5"). */
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The canonical spelling of an IANA time zone ("europe/berlin" → "Europe/Berlin"), or undefined
 * when the runtime's time zone database does not know it. Offsets such as "+02:00" are refused:
 * they have no daylight-saving rules, so they are not what a user's profile means by a time zone.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (typeof name !== 'string' || name.length > 64 || !ZONE_SHAPE.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether `name` is an IANA time zone known to the runtime (validated via Intl). */
export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** class-validator rule: the property is an IANA time zone name. */
export function IsIanaTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isIanaTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as "Europe/Berlin" or "UTC"`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
  };
}
