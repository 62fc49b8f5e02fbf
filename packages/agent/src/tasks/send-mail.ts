import { type Task } from "graphile-worker";
import { log } from "../logger";
import { mailJobPayloadSchema } from "../mail/contracts";
import { type MailEnv, readMailEnv } from "../mail/env";
import { type Mailer, mailerFromEnv } from "../mail/mailer";
import { renderMail } from "../mail/templates";

export interface MailDeps {
  env: MailEnv;
  mailer: Mailer;
}

let shared: MailDeps | undefined;

/** Built on the first mail, so a worker that never sends one needs no mail settings. */
function defaultDeps(): MailDeps {
  if (shared) return shared;
  const env = readMailEnv();
  const mailer = mailerFromEnv(env);
  if (mailer.target.startsWith("outbox:")) {
    log.warn(
      { outbox: mailer.target.slice("outbox:".length) },
      `SMTP_URL is not set: mail is written to the dev outbox; read it at ${env.PUBLIC_URL}/dev/outbox`,
    );
  }
  shared = { env, mailer };
  return shared;
}

/**
 * Renders one mail (text and HTML from one template) and hands it to SMTP or the dev outbox.
 * An SMTP error fails the attempt and graphile-worker retries it with backoff. A send that
 * succeeded but whose job was not marked done is sent again (at least once); the Message-ID
 * is the job's, so both copies are recognisably the same mail.
 */
export function createSendMailTask(deps: () => MailDeps = defaultDeps): Task {
  return async (payload, helpers) => {
    const job = mailJobPayloadSchema.parse(payload);
    const { env, mailer } = deps();
    const rendered = renderMail(
      job.content,
      { to: job.to, name: job.name },
      { name: env.SITE_NAME, url: env.PUBLIC_URL },
    );
    const host = new URL(env.PUBLIC_URL).hostname;
    const headers = job.unsubscribeUrl
      ? {
          "List-Unsubscribe": `<${job.unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
      : undefined;
    await mailer.send({
      to: job.to,
      ...rendered,
      messageId: `<mail-${helpers.job.id}@${host}>`,
      ...(headers ? { headers } : {}),
    });
    // The address stays out of the log: it is personal data.
    helpers.logger.info(`sent ${job.content.template} mail via ${mailer.target.split(":")[0]}`);
  };
}
