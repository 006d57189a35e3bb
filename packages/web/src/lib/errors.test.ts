import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../ui/States';
import { errorCode, toFormErrors } from './errors';
import { humanizeMessage } from './fieldLabels';

const gqlError = (message: string, extensions: Record<string, unknown>) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('toFormErrors', () => {
  it('puts validation problems next to their fields (input prefixes dropped)', () => {
    const error = gqlError('Invalid input', {
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.timezone', messages: ['timezone must be an IANA time zone'] },
        { field: 'brandValues', messages: ['each value must be shorter', 'at most 20'] },
      ],
    });
    expect(toFormErrors(error)).toEqual({
      fields: { timezone: 'Time zone must be an IANA time zone.', brandValues: 'Each value must be shorter. At most 20.' },
      form: null,
    });
  });

  it('uses extensions.field for a single problem', () => {
    expect(toFormErrors(gqlError('currentPassword is incorrect', { code: 'BAD_USER_INPUT', field: 'currentPassword' }))).toEqual({
      fields: { currentPassword: 'Your current password is not right.' },
      form: null,
    });
  });

  it('sends errors for fields the form does not show to the form message', () => {
    const r = toFormErrors(gqlError('Unknown referral code', { code: 'BAD_USER_INPUT', field: 'referralCode' }), ['email', 'password']);
    expect(r).toEqual({ fields: {}, form: 'Unknown referral code.' });
  });

  it('maps a unique-index conflict (a list of names) to its fields', () => {
    expect(toFormErrors(gqlError('Already exists: name', { code: 'CONFLICT', fields: ['name'] })).fields).toEqual({ name: 'Already exists: name.' });
  });

  it('says when to try again after a rate limit, and explains network failures', () => {
    expect(toFormErrors(gqlError('Too many sign-in attempts', { code: 'RATE_LIMITED', retryAfterSeconds: 600 })).form).toBe('Too many attempts. Try again in 10 minutes.');
    expect(toFormErrors(new CombinedError({ networkError: new TypeError('Failed to fetch') })).form).toMatch(/Cannot reach the server/);
    expect(toFormErrors(null)).toEqual({ fields: {}, form: null });
  });

  it('writes messages for people: API field names become the form labels, in one place', () => {
    expect(humanizeMessage('newPassword must differ from the current password')).toBe('Choose a new password that is different from your current one.');
    expect(humanizeMessage('name must not be empty')).toBe('Enter your name.');
    expect(humanizeMessage('referralCode may contain only letters, digits, "-" and "_"')).toBe('Referral code may contain only letters, digits, "-" and "_".');
    expect(humanizeMessage('Check brandName and targetAudience')).toBe('Check brand name and target audience.');
    // Unknown words stay as they are; a finished sentence keeps its stop.
    expect(humanizeMessage('Something odd happened.')).toBe('Something odd happened.');
    expect(toFormErrors(gqlError('Invalid input', { code: 'BAD_USER_INPUT', fields: [{ field: 'input.currentPassword', messages: ['currentPassword is incorrect'] }] })).fields).toEqual({
      currentPassword: 'Your current password is not right.',
    });
    expect(errorMessage(gqlError('currentPassword is incorrect', { code: 'BAD_USER_INPUT' }))).toBe('Your current password is not right.');
  });

  it('reads the error code', () => {
    expect(errorCode(gqlError('x', { code: 'NOT_FOUND' }))).toBe('NOT_FOUND');
    expect(errorCode(new CombinedError({ networkError: new Error('x') }))).toBeNull();
  });
});
