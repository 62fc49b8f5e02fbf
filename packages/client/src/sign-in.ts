import { createParleyClient, type ParleyClient, type ParleyClientOptions } from "./client";
import type { RouterOutputs } from "./types";

export type Session = RouterOutputs["auth"]["signIn"];

/**
 * Signs in with an email and password and returns a client that sends the session's bearer
 * token, with the session itself (token, expiry, account).
 */
export async function signIn(
  options: Omit<ParleyClientOptions, "token"> & { email: string; password: string },
): Promise<{ client: ParleyClient; session: Session }> {
  const { email, password, ...clientOptions } = options;
  const session = await createParleyClient(clientOptions).auth.signIn.mutate({ email, password });
  return { client: createParleyClient({ ...clientOptions, token: session.token }), session };
}
