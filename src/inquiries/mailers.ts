import { join } from 'node:path';
import { ensurePrivateFolder, writeFileAtomically } from '../core/privateFiles';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingMail } from '../core/contact/inquiryMail';

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    replyTo: { name: mail.replyTo.name, address: mail.replyTo.address },
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    headers: mail.headers,
  };
}

/** Sends inquiries through an SMTP server (`SMTP_URL`). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, timeoutMs: number) {
    this.transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as Record<string, unknown>);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail(toNodemailer(mail));
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }
}

/**
 * Writes inquiries as `.eml` files to a folder (`DATA_DIR/outbox`) when no SMTP server is
 * configured, private to their owner. Any mail program opens them; a resend replaces the same
 * file, whole (written beside it and renamed), so the outbox never holds a message twice.
 */
export class OutboxMailer implements Mailer {
  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    // The message as an SMTP server would receive it, built by nodemailer's composer (no transport).
    const message = await new MailComposer(toNodemailer(mail)).compile().build();
    const reference = mail.headers['X-Inquiry-Reference'] ?? mail.messageId.replace(/[^A-Za-z0-9.-]/g, '');
    await writeFileAtomically(join(this.dir, `${reference}.eml`), message);
  }

  async verify(): Promise<void> {
    await ensurePrivateFolder(this.dir);
  }
}
