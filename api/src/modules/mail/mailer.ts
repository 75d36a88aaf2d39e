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
