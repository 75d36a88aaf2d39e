import type { CryptoKey, JWK } from 'jose';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { BoundedGateStats } from './lib/bounded-gate.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { Runtime } from './lib/metrics.js';

/*
 * What the app needs from outside, as interfaces: the modules implement them (SMTP and the dev
 * mailbox, the payment providers, the signing keys, the password hasher) and import them from
 * here, so that this file depends on no module.
 */

/** One email, as plain text and optional HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where emails go: SMTP in production, the dev mailbox on the embedded default. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** An email the dev mailbox captured. */
export interface CapturedMail extends MailMessage {
  id: number;
  sentAt: string;
}

/** A mailer that keeps what it sends, to show it (`/dev/mailbox`) and for tests. */
export interface MailCapture extends Mailer {
  list(): CapturedMail[];
  latestTo(address: string): CapturedMail | undefined;
}

/** What a provider's verified notification says of one payment. */
export interface VerifiedNotice {
  providerRef: string;
  /** `abandoned`: the payer left the provider's page without paying. */
  outcome: 'paid' | 'refused' | 'abandoned';
  /**
   * The amount the provider confirmed, in cents, when it says one (PayFiP's detail lookup):
   * compared with the payment's before anything changes.
   */
  amountCents?: number;
}

/**
 * An online payment provider (the built-in demo provider; PayFiP for a real town). The booking
 * engine starts payments through it and trusts only notifications it has verified.
 */
export interface PaymentProvider {
  readonly name: string;
  /**
   * Whether this provider takes the payments of a collectivity, for providers that need the
   * town's own contract (PayFiP); a provider without it serves every collectivity. `db` is the
   * caller's transaction, when it holds one.
   */
  serves?(collectivityId: string, db?: Db): Promise<boolean>;
  /** Creates the payment at the provider; returns where to send the payer. */
  start(payment: { id: string; collectivityId: string; amountCents: number; label: string; returnUrl: string }): Promise<{
    providerRef: string;
    url: string;
  }>;
  /**
   * Where to send the payer again for a payment already started (a parent who pressed "Payer en
   * ligne" twice), without creating another operation at the provider. Optional: without it, a
   * pending payment is not resumed and a new one is started once the old one lapses.
   */
  resume?(payment: { id: string; providerRef: string; returnUrl: string }): string;
  /** Checks a server-to-server notification; returns what it says, or null if not authentic. */
  verifyNotification(request: { body: string; headers: Record<string, string> }): Promise<VerifiedNotice | null>;
  /**
   * Refunds a paid amount (whole or part). A provider without refunds (PayFiP: the régie gives
   * money back itself) leaves a payment made too late to an agent.
   */
  refund?(payment: { providerRef: string; amountCents: number }): Promise<void>;
}

/** The providers this install offers, by name (the `:provider` of `/v1/payments/:provider/notify`). */
export type PaymentProviders = ReadonlyMap<string, PaymentProvider>;

/** The keys access tokens are signed with, and verified against (see modules/auth/signing-keys.ts). */
export interface SigningKeys {
  /** The key new tokens are signed with. */
  current(): { kid: string; privateKey: CryptoKey };
  /** The public key of a token's `kid`, if it is still trusted. */
  publicKey(kid: string | undefined): Promise<CryptoKey | undefined>;
  /** The JWKS document of `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] };
  /** Reads the keys again from the database (after a rotation by another process). */
  reload(): Promise<void>;
}

/** Password hashing and checking, through a bounded gate (see modules/auth/passwords.ts). */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string | null | undefined): Promise<{ valid: boolean; rehash?: string }>;
  stats(): BoundedGateStats;
}

/** Everything the app needs from outside, injected so that tests build it in-process. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Set when emails are captured rather than sent (embedded default, tests). */
  devMailbox?: MailCapture;
  payments: PaymentProviders;
  keys: SigningKeys;
  /** Every password hash and check, through the bounded hashing gate (its `stats()` feed `/metrics`). */
  passwords: PasswordHashing;
  config: Config;
  logger: Logger;
  /** The process's metrics and drain state, read by `/metrics` and `/readyz`. */
  runtime: Runtime;
}
