import type { SubscriptionTier } from '@soash/shared';

/**
 * Where a real payment provider (Stripe, Paddle, …) plugs in. Payments are out of scope: the
 * built-in provider accepts every change without charging anything.
 *
 * `changePlan` runs before the account's tier changes. Throwing (for example an AppError for a
 * declined card) refuses the change and leaves the account as it was.
 */
export interface PlanChangeRequest {
  userId: string;
  email: string;
  fromTier: SubscriptionTier;
  toTier: SubscriptionTier;
  /** Monthly price of the new plan in cents (TIER_LIMITS). */
  priceCents: number;
}

export interface PlanChangeResult {
  /** The provider's reference for the change (subscription or invoice id), if it has one. */
  reference?: string;
}

export interface PaymentProvider {
  readonly name: string;
  changePlan(request: PlanChangeRequest): Promise<PlanChangeResult>;
}

/** Accepts every plan change and charges nothing. */
export const noPaymentProvider: PaymentProvider = {
  name: 'none',
  async changePlan() {
    return {};
  },
};

let current: PaymentProvider = noPaymentProvider;

export function paymentProvider(): PaymentProvider {
  return current;
}

/** Installs a provider (a real integration at start-up, or a test double). Returns the previous one. */
export function setPaymentProvider(provider: PaymentProvider): PaymentProvider {
  const previous = current;
  current = provider;
  return previous;
}
