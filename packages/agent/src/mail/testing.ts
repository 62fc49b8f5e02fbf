/**
 * For tests (this and other packages): a real SMTP server on loopback that parses what it
 * receives, and a one-shot run of the queued mail jobs through the real send_mail task.
 * Imports smtp-server and mailparser (dev dependencies): never import it from runtime code.
 */
import { type AddressInfo } from "node:net";
import { runOnce } from "graphile-worker";
import pg from "pg";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createSendMailTask } from "../tasks/send-mail";
import { MAIL_TASK } from "./contracts";
import { mailEnvSchema } from "./env";
import { smtpMailer } from "./mailer";

export type { ParsedMail };

export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  /** Refuse every recipient (as a mail server that is down for us would) until set back. */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startTestSmtpServer(
  options: { onMail?: (mail: ParsedMail) => void } = {},
): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(
        state.refuse ? Object.assign(new Error("try again later"), { responseCode: 451 }) : null,
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs every queued mail job once, through the real task, sending to `smtpUrl`. */
export async function sendQueuedMail(
  connectionString: string,
  smtpUrl: string,
  env: Partial<Record<string, string>> = {},
): Promise<void> {
  const mailEnv = mailEnvSchema.parse({ SMTP_URL: smtpUrl, ...env });
  const mailer = smtpMailer(mailEnv);
  // Our own pool, ended here, so that no worker connection outlives the test's database.
  const pgPool = new pg.Pool({ connectionString, max: 2 });
  // pool.end() does not wait for sockets to close: a test database dropped right after
  // terminates them, which must not surface as an uncaught error.
  pgPool.on("connect", (client) => client.on("error", () => undefined));
  pgPool.on("error", () => undefined);
  try {
    await runOnce({
      pgPool,
      taskList: { [MAIL_TASK]: createSendMailTask(() => ({ env: mailEnv, mailer })) },
    });
  } finally {
    mailer.close();
    await pgPool.end();
  }
}
