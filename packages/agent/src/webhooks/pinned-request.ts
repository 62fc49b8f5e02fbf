import http from "node:http";
import https from "node:https";
import { type LookupFunction } from "node:net";
import { type ResolvedAddress } from "./address-guard";

export interface PinnedResponse {
  status: number;
  /** At most `maxBodyBytes` of the answer, as text. */
  body: string;
}

export interface PinnedRequest {
  url: URL;
  /** The checked address: the connection goes there and nowhere else. */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

/**
 * POSTs to `url` over a connection to `address` only: the socket's lookup answers with that
 * address whatever the name resolves to now, so a second DNS answer (rebinding) cannot move
 * the request. TLS still checks the certificate against the URL's host name. No redirects are
 * followed and no connection is reused.
 */
export function postPinned(request: PinnedRequest): Promise<PinnedResponse> {
  const { url, address } = request;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PinnedResponse>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
        lookup,
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        res.on("data", (chunk: Buffer) => {
          const room = request.maxBodyBytes - size;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += chunk.length;
          if (size >= request.maxBodyBytes) {
            finish();
            res.destroy(); // the rest is not needed
          }
        });
        res.on("end", finish);
        res.on("error", reject);
      },
    );
    req.on("error", (error: Error) =>
      reject(error.name === "AbortError" ? new Error(`timed out after ${request.timeoutMs} ms`) : error),
    );
    req.end(request.body);
  });
}
