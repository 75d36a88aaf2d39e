import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '../../deps.js';

/** Sends through the SMTP server of `SMTP_URL` (nodemailer handles TLS, auth and pooling). */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(smtpUrl);
  }
  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ from: this.from, ...message });
  }
  close(): void {
    this.#transport.close();
  }
}
