import type { CapturedMail, MailCapture, MailMessage } from '../../deps.js';

export type { CapturedMail } from '../../deps.js';

/**
 * Captures emails in memory for the embedded default and tests, shown at `/dev/mailbox`.
 * Never used in production mode (see `config.ts`). Keeps the latest 200.
 */
export class DevMailbox implements MailCapture {
  #messages: CapturedMail[] = [];
  #next = 1;
  async send(message: MailMessage): Promise<void> {
    this.#messages.unshift({ ...message, id: this.#next++, sentAt: new Date().toISOString() });
    this.#messages.length = Math.min(this.#messages.length, 200);
  }
  /** Newest first. */
  list(): CapturedMail[] {
    return [...this.#messages];
  }
  /** The newest message sent to an address, for tests and the demo. */
  latestTo(address: string): CapturedMail | undefined {
    return this.#messages.find((m) => m.to.toLowerCase() === address.toLowerCase());
  }
}
