import { type MailContent } from "./contracts";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One mail's words: rendered as plain text and as HTML by the same layout below. */
interface MailParts {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
  /** The footer: why this person gets this mail. */
  reason: string;
}

type NotificationItem = Extract<MailContent, { template: "notifications" }>["items"][number];
const describe = (item: NotificationItem) =>
  item.kind === "mention"
    ? `${item.actor} mentioned you in "${item.discussionTitle}"`
    : `${item.actor} replied to you in "${item.discussionTitle}"`;

function parts(content: MailContent, to: string): MailParts {
  switch (content.template) {
    case "password_reset":
      return {
        subject: "Reset your password",
        paragraphs: [
          "Someone (hopefully you) asked to reset the password of your account. Choose a new one here:",
        ],
        action: { label: "Choose a new password", url: content.link },
        after: [
          `The link works once and expires in ${content.expiresInMinutes} minutes; asking again or signing in makes it stop working.`,
          "If you did not ask for this, ignore this mail: your password stays as it is.",
        ],
        reason: `You get this mail because a password reset was requested for the account of ${to}.`,
      };
    case "verify_email":
      return content.change
        ? {
            subject: "Confirm your new email address",
            paragraphs: [
              "Your account asked to use this address from now on. It changes when you confirm it:",
            ],
            action: { label: "Confirm my new address", url: content.link },
            after: [
              `The link works once and expires in ${content.expiresInHours} hours.`,
              "If you did not ask for this, ignore this mail.",
            ],
            reason: `You get this mail because an account asked to change its address to ${to}.`,
          }
        : {
            subject: "Confirm your email address",
            paragraphs: [
              "Confirm that this address is yours, so that we can send you notifications and password resets:",
            ],
            action: { label: "Confirm my address", url: content.link },
            after: [
              `The link works once and expires in ${content.expiresInHours} hours.`,
              "If you did not create an account, ignore this mail.",
            ],
            reason: `You get this mail because an account was registered with ${to}.`,
          };
    case "email_change_requested":
      return {
        subject: "Your email address is about to change",
        paragraphs: [
          `Your account asked to use ${content.newAddress} from now on. The change takes effect when that address confirms it.`,
          "If this was not you, someone knows your password: reset it now. The change cannot happen without the new address confirming it.",
        ],
        action: { label: "Reset my password", url: content.resetLink },
        reason: `You get this mail because ${to} is the address of your account.`,
      };
    case "notifications": {
      const [first, ...rest] = content.items;
      return {
        subject:
          first && rest.length === 0
            ? describe(first)
            : `${content.items.length} new mentions and replies`,
        paragraphs: content.items.flatMap((item) => [
          `${describe(item)}: "${item.excerpt}" — ${item.link}`,
        ]),
        ...(first ? { action: { label: "Open the discussion", url: first.link } } : {}),
        after: [`Choose which of these mails you get: ${content.settingsLink}`],
        reason: `You get this mail because you were mentioned or answered and had not seen it in the app; ${to} is your account's address.`,
      };
    }
    case "review_queue":
      return {
        subject:
          content.items.length + content.more === 1
            ? "A new item in the review queue"
            : `${content.items.length + content.more} new items in the review queue`,
        paragraphs: [
          "These are waiting for a moderator:",
          ...content.items.map((item) => `${item.what}${item.reason ? `: ${item.reason}` : ""}`),
          ...(content.more > 0 ? [`and ${content.more} more.`] : []),
        ],
        action: { label: "Open the review queue", url: content.queueLink },
        after: [`Choose which of these mails you get: ${content.settingsLink}`],
        reason: `You get this mail because you moderate this site and these items were still open; ${to} is your account's address.`,
      };
    case "registration_attempt":
      return {
        subject: "Someone tried to register with your address",
        paragraphs: [
          "Someone just tried to create an account with this email address, which already has one. No new account was created.",
          `If it was you, sign in instead: ${content.signInLink}`,
        ],
        action: { label: "Reset my password", url: content.resetLink },
        after: ["If it was not you, you need not do anything."],
        reason: `You get this mail because ${to} has an account with us.`,
      };
  }
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** Renders a mail as text and HTML from one template, with the site name and a footer that
 * says why the recipient gets it. Every value is escaped in the HTML part. */
export function renderMail(
  content: MailContent,
  recipient: { to: string; name: string | null },
  site: { name: string; url: string },
): RenderedMail {
  const p = parts(content, recipient.to);
  const greeting = recipient.name ? `Hello ${recipient.name},` : "Hello,";
  const footer = `${p.reason} — ${site.name}, ${site.url}`;
  const text = [
    greeting,
    ...p.paragraphs,
    ...(p.action ? [`${p.action.label}: ${p.action.url}`] : []),
    ...(p.after ?? []),
    "-- ",
    footer,
  ].join("\n\n");
  const para = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(p.subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:0 auto;padding:24px">`,
    `<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(site.name)}</h1>`,
    para(greeting),
    ...p.paragraphs.map(para),
    p.action
      ? `<p style="margin:0 0 16px"><a href="${escapeHtml(p.action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(p.action.label)}</a></p>` +
        para(`Or paste this link into your browser: ${p.action.url}`)
      : "",
    ...(p.after ?? []).map(para),
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><p style="font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: `[${site.name}] ${p.subject}`, text, html };
}
