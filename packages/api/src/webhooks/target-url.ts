import { refusalOf } from "@parley/agent/webhooks";
import { DomainError } from "../errors";

/**
 * A webhook URL admins may register: https, or http only while the local-development setting
 * allows private targets; no credentials in it. Where it points is checked again at every
 * delivery (the worker's address guard), since DNS can change after this.
 */
export function assertWebhookUrl(raw: string, allowPrivateTargets: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError("INVALID", "Not a valid URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivateTargets)) {
    throw new DomainError(
      "INVALID",
      allowPrivateTargets
        ? "Webhook URLs must use https or http"
        : "Webhook URLs must use https (http only when private targets are allowed for local development)",
    );
  }
  if (url.username || url.password) {
    throw new DomainError("INVALID", "Webhook URLs must not carry credentials");
  }
  // Names are resolved and checked at each delivery; an address written out is refused now.
  const literal = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const refusal = allowPrivateTargets || !/^[\d.]+$|:/.test(literal) ? null : refusalOf(literal);
  if (refusal) {
    throw new DomainError("INVALID", `Webhook URLs must point at a public address (${refusal})`);
  }
  url.hash = "";
  return url.toString();
}
