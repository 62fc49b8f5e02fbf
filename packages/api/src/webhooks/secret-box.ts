import { createSecretBox, type SecretBox } from "@parley/agent/webhooks";
import { readServerEnv } from "../env";

let box: SecretBox | undefined;

/** Seals new signing secrets with the key the worker opens them with (APP_SECRET_KEY). */
export function webhookSecretBox(): SecretBox {
  box ??= createSecretBox(readServerEnv().APP_SECRET_KEY);
  return box;
}
