import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { createHuggingFaceChecker } from "@parley/agent/moderation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveViewer } from "../src/auth/viewer";
import { createMessage } from "../src/services/messages";
import { useTestApp } from "./harness";

// The posting hook through the real Hugging Face client, against a dedicated-endpoint stand-in
// on loopback (the agent's msw suite covers the serverless routing and the fallback).
const app = useTestApp();
let server: Server;
let endpointUrl: string;
const seen: { inputs: string; openTransactions: number }[] = [];
let answer: { label: string; score: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      void (async () => {
        // While the classifier answers, no transaction of ours may be open.
        const [row] = await app.db.$queryRaw<{ open: bigint }[]>`
          SELECT count(*) AS open FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
        const body = JSON.parse(raw) as { inputs: string };
        seen.push({ inputs: body.inputs, openTransactions: Number(row?.open ?? -1) });
        // The text-classification answer: one list of labels per input.
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([answer]));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the posting hook with the Hugging Face classifier", () => {
  it("holds what the model scores toxic, records its label and score, and calls it outside any transaction", async () => {
    const ann = await app.register("Ann");
    const discussionId = (await (await app.as(ann.id)).discussion.create({ title: "Model check", body: "Hello." })).id;
    const viewer = await resolveViewer(app.db, { bearerToken: null, sessionUserId: ann.id });
    const toxicity = createHuggingFaceChecker({ model: "unitary/toxic-bert", endpointUrl }, "hf_test_token");
    const deps = { db: app.db, events: app.bus, toxicity };

    answer = [
      { label: "toxic", score: 0.94 },
      { label: "insult", score: 0.71 },
    ];
    // A text only the model finds toxic (the offline scorer leaves it alone), so its label shows.
    const held = await createMessage(deps, viewer!, { discussionId, body: "Your proposal reads like a ransom note." });
    answer = [{ label: "toxic", score: 0.02 }];
    const fine = await createMessage(deps, viewer!, { discussionId, body: "Thanks for the pointer." });

    expect(seen).toEqual([
      { inputs: "Your proposal reads like a ransom note.", openTransactions: 0 },
      { inputs: "Thanks for the pointer.", openTransactions: 0 },
    ]);
    expect([held.status, fine.status]).toEqual(["held", "published"]);
    const decisions = await app.db.moderationDecision.findMany({
      where: { messageId: { in: [held.id, fine.id] } },
      select: { messageId: true, outcome: true, label: true, score: true, provider: true },
      orderBy: { id: "asc" },
    });
    expect(decisions).toEqual([
      { messageId: held.id, outcome: "hold", label: "toxic", score: 0.94, provider: "huggingface" },
      { messageId: fine.id, outcome: "allow", label: "toxic", score: 0.02, provider: "huggingface" },
    ]);
  });
});
