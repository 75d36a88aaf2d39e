/**
 * An online payment provider (the built-in demo provider; PayFiP for a real town). The booking
 * engine starts payments through it and trusts only notifications it has verified.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Creates the payment at the provider; returns where to send the payer. */
  start(payment: { id: string; collectivityId: string; amountCents: number; label: string; returnUrl: string }): Promise<{
    providerRef: string;
    url: string;
  }>;
  /** Checks a server-to-server notification; returns what it says, or null if not authentic. */
  verifyNotification(request: { body: string; headers: Record<string, string> }): Promise<{
    providerRef: string;
    outcome: 'paid' | 'refused';
  } | null>;
  /** Refunds a paid amount (whole or part). */
  refund(payment: { providerRef: string; amountCents: number }): Promise<void>;
}

/** The providers this install offers, by name (the `:provider` of `/v1/payments/:provider/notify`). */
export type PaymentProviders = ReadonlyMap<string, PaymentProvider>;
