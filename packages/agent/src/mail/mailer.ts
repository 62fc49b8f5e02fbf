import nodemailer from "nodemailer";
import { type MailEnv } from "./env";
import { outboxDir, writeOutbox } from "./outbox";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A stable Message-ID (from the job), so a retried send can be recognised as the same mail. */
  messageId: string;
}

export interface Mailer {
  /** "smtp://host:port" or "outbox:<dir>", for logs (never the credentials). */
  readonly target: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (one pooled connection set per worker). */
export function smtpMailer(env: Pick<MailEnv, "SMTP_URL" | "MAIL_FROM">): Mailer {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  const url = new URL(env.SMTP_URL);
  const transport = nodemailer.createTransport(env.SMTP_URL, { from: env.MAIL_FROM });
  return {
    target: `${url.protocol}//${url.host}`,
    async send(mail) {
      await transport.sendMail({ ...mail, from: env.MAIL_FROM });
    },
    close: () => transport.close(),
  };
}

/** Development without SMTP: the full message is built by nodemailer and written to disk. */
export function outboxMailer(env: Pick<MailEnv, "MAIL_FROM">, dir = outboxDir()): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });
  return {
    target: `outbox:${dir}`,
    async send(mail) {
      const info = await transport.sendMail({ ...mail, from: env.MAIL_FROM });
      // With `buffer: true` the stream transport hands back the whole message as a Buffer.
      const raw = info.message;
      if (!Buffer.isBuffer(raw)) throw new Error("the stream transport returned no buffer");
      await writeOutbox(
        {
          id: mail.messageId,
          date: new Date().toISOString(),
          from: env.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers ?? {},
        },
        raw,
        dir,
      );
    },
    close: () => transport.close(),
  };
}

/** SMTP when SMTP_URL is set; else the dev outbox, which production refuses (mail would
 * silently go nowhere): the jobs then fail, and are retried once SMTP_URL is set. */
export function mailerFromEnv(env: MailEnv): Mailer {
  if (env.SMTP_URL) return smtpMailer(env);
  if (env.NODE_ENV === "production")
    throw new Error("SMTP_URL is not set: a production worker cannot send mail");
  return outboxMailer(env);
}
