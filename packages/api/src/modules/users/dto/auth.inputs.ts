import { isEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../../../auth/password.js';
import { emailProblem, normalizeEmail } from '../user.model.js';

/**
 * An email address as it will be stored (NFKC, trimmed, lower-cased: see normalizeEmail), with no
 * invisible or look-alike characters.
 */
function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && emailProblem(normalizeEmail(value)) === null && isEmail(normalizeEmail(value)),
        defaultMessage: (args) => {
          const value = args?.value;
          const problem = typeof value === 'string' ? emailProblem(normalizeEmail(value)) : null;
          return problem ?? `${args?.property ?? 'email'} must be an email address`;
        },
      },
    },
    options,
  );
}

/** A new password that is not only spaces and not on the common-password list (auth/password.ts). */
function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown, args) => typeof value === 'string' && passwordProblem(value, args?.property) === null,
        defaultMessage: (args) => passwordProblem(String(args?.value ?? ''), args?.property) ?? `${args?.property ?? 'password'} is not acceptable`,
      },
    },
    options,
  );
}

const NEW_PASSWORD_MESSAGE = `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`;

@InputType({
  description:
    'A new account. The email is NFKC-normalised, trimmed and lower-cased; invisible and non-ASCII characters are refused. The password must not be only spaces or a commonly used one.',
})
export class RegisterInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name: string;

  @Field(() => String)
  @IsEmailAddress()
  @MaxLength(260)
  email: string;

  @Field(() => String, { description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters.` })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password ${NEW_PASSWORD_MESSAGE}` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password ${NEW_PASSWORD_MESSAGE}` })
  @IsAcceptablePassword()
  password: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(120)
  company?: string | null;

  @Field(() => String, { nullable: true, description: "Someone's referral code (e.g. USER123-REF); must be an active code." })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^\s*[A-Za-z0-9_-]*\s*$/, { message: 'referralCode may contain only letters, digits, "-" and "_"' })
  referralCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The token of a workspace invitation (from its link): the account joins that workspace with the invited role. The email must be the invited address; the account is then verified.',
  })
  @IsOptional()
  @MaxLength(200)
  invitationToken?: string | null;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  @IsString()
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `currentPassword must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  currentPassword: string;

  @Field(() => String, { description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters.` })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword ${NEW_PASSWORD_MESSAGE}` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword ${NEW_PASSWORD_MESSAGE}` })
  @IsAcceptablePassword()
  newPassword: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => String, { description: 'The token from the reset link.' })
  @MaxLength(200)
  token: string;

  @Field(() => String, { description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters.` })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword ${NEW_PASSWORD_MESSAGE}` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword ${NEW_PASSWORD_MESSAGE}` })
  @IsAcceptablePassword()
  newPassword: string;
}

@ArgsType()
export class LogoutArgs {
  @Field(() => String, { nullable: true, description: 'The refresh token of the session to end (its whole rotation family is revoked).' })
  @IsOptional()
  @MaxLength(200)
  refreshToken?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'End every session of the viewer, on every device.' })
  allSessions?: boolean | null;
}
