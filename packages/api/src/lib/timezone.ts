import { isValidTimeZone } from '@soash/shared';
import { registerDecorator, type ValidationOptions } from 'class-validator';

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
