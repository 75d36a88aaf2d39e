import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { Runtime } from './lib/metrics.js';
import type { Passwords } from './modules/auth/passwords.js';
import type { SigningKeys } from './modules/auth/signing-keys.js';
import type { DevMailbox } from './modules/mail/dev-mailbox.js';
import type { Mailer } from './modules/mail/mailer.js';
import type { PaymentProviders } from './modules/payments/payment-provider.js';

/** Everything the app needs from outside, injected so that tests build it in-process. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Set when emails are captured rather than sent (embedded default, tests). */
  devMailbox?: DevMailbox;
  payments: PaymentProviders;
  keys: SigningKeys;
  /** Every password hash and check, through the bounded hashing gate (its `stats()` feed `/metrics`). */
  passwords: Passwords;
  config: Config;
  logger: Logger;
  /** The process's metrics and drain state, read by `/metrics` and `/readyz`. */
  runtime: Runtime;
}
