import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** What the person who signed up does next; the same for every address on a given server. */
export enum RegisterNextStep {
  /** Mail is delivered (SMTP): open the link mailed to the address, then sign in. */
  CHECK_INBOX = 'CHECK_INBOX',
  /** This server sends no mail: sign in with the password just chosen (the app then shows the way to confirm). */
  SIGN_IN = 'SIGN_IN',
}

registerEnumType(RegisterNextStep, {
  name: 'RegisterNextStep',
  description:
    'CHECK_INBOX: the server delivers mail; open the link mailed to the address, then sign in. SIGN_IN: the server sends no mail; sign in with the password just chosen.',
});

/**
 * The answer to `register`. It is the same whether the address was new (an account was created and
 * a confirmation link mailed) or already had an account (its owner was mailed that someone tried):
 * no field, value or error tells the two apart, so `register` cannot be used to find out who has an
 * account. It carries no session.
 */
@ObjectType({
  description:
    'The same answer whether the address was new or already registered (then its owner gets a mail instead). Carries no session: sign in with login.',
})
export class RegisterPayload {
  @Field(() => String, { description: 'The address as stored (normalised: NFKC, lower case).' })
  email: string;

  @Field(() => RegisterNextStep)
  nextStep: RegisterNextStep;

  @Field(() => String, { description: 'What to tell the person who signed up.' })
  message: string;
}
