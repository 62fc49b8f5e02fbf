import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** An OpenAI-compatible server (like `ollama serve`): the first requests hang, as a model
 * mid-answer does, until their client goes away; later ones stream an answer. */
export function fakeModelServer(hangingRequests = 1) {
  let requests = 0;
  let firstRequest: () => void = () => undefined;
  const firstRequestSeen = new Promise<void>((resolve) => (firstRequest = resolve));
  const held: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      requests++;
      if (requests <= hangingRequests) {
        held.push(res);
        firstRequest();
        return;
      }
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      const chunk = (content: string) =>
        `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: "test-model", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      res.end(`${chunk("- The login breaks after the upgrade ")}${chunk("[M1]")}data: [DONE]\n\n`);
    });
  });
  return {
    server,
    firstRequestSeen,
    requests: () => requests,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}
