import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

export interface RecordedChat {
  model: string;
  messages: { role: string; content: string }[];
}

/**
 * A real OpenAI-compatible server on loopback (what `ollama serve` or vLLM expose): it logs
 * every chat request and streams the answer `answer(request, n)` gives, as SSE chunks.
 */
export async function startOpenAiServer(answer: (request: RecordedChat, n: number) => string) {
  const requests: RecordedChat[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedChat;
      requests.push(request);
      const text = answer(request, requests.length);
      const chunk = (content: string) =>
        `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: request.model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.end(`${(text.match(/.{1,9}/gs) ?? []).map(chunk).join("")}data: [DONE]\n\n`);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}
