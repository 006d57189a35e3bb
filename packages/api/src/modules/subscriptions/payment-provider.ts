import type { SubscriptionTier } from '@soash/shared';

/**
 * Where a real payment provider (Stripe, Paddle, …) plugs in. The built-in provider charges
 * nothing: plan changes are free on a server without one, and, because nothing is ever paid,
 * no referral commission is ever earned there.
 *
 * `changePlan` runs before the account's tier changes. Throwing (for example an AppError for a
 * declined card) refuses the change and leaves the account as it was. When the change was charged
 * at once, the result carries the paid invoice. Payments that happen later (renewals, a charge
 * that settles after the change) and refunds or chargebacks are reported by the integration,
 * typically from its webhook handler, through `reportInvoicePaid` / `reportInvoiceReversed`
 * (referrals.service.ts): commissions are earned only from invoices reported as paid.
 */
export interface PlanChangeRequest {
  userId: string;
  email: string;
  fromTier: SubscriptionTier;
  toTier: SubscriptionTier;
  /** Monthly price of the new plan in cents (TIER_LIMITS). */
  priceCents: number;
}

/** An invoice the provider reports as paid (money received). */
export interface PaidInvoice {
  /** The provider's invoice id; refunds and chargebacks name it. */
  id: string;
  /** What was actually paid, in cents (after discounts, prorations). */
  amountCents: number;
  paidAt: Date;
}

export interface PlanChangeResult {
  /** The provider's reference for the change (subscription or invoice id), if it has one. */
  reference?: string;
  /** The invoice paid for this change, when it was charged at once. */
  invoice?: PaidInvoice;
}

export interface PaymentProvider {
  readonly name: string;
  /** Whether plan changes are charged (what the web app tells the user before a change). */
  readonly charges: boolean;
  changePlan(request: PlanChangeRequest): Promise<PlanChangeResult>;
}

/** Accepts every plan change, charges nothing and reports no invoice. */
export const noPaymentProvider: PaymentProvider = {
  name: 'none',
  charges: false,
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
