import { readServerEnv, type ServerEnv } from "@parley/api/server";

/**
 * The web app's settings: the API's validated server env, plus the one variable next-auth v4
 * reads from process.env on its own. Deriving NEXTAUTH_URL from PUBLIC_URL keeps one setting.
 */
export function webEnv(): ServerEnv {
  const env = readServerEnv();
  process.env.NEXTAUTH_URL ??= env.PUBLIC_URL;
  return env;
}
