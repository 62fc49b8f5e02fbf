import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../src/events/cursor";
import { currentHorizon } from "../src/events/outbox";
import { type LiveThreadEvent } from "../src/events/types";
import { authHeaders, type Credentials, useRestApp } from "./rest/fixture";
import { openSse } from "./rest/sse";

// The REST event stream (GET /discussions/{id}/events) for another member, the author and an
// anonymous reader, with the default policy (hold) and the offline word list.
const rest = useRestApp();
const { app } = rest;
let author: Credentials;
let other: Credentials;
let discussionId: string;

beforeAll(async () => {
  await app.register("Admin", "admin");
  author = { bearer: (await app.register("Author")).token };
  other = { bearer: (await app.register("Other")).token };
  const reply = await rest.call("POST", "/discussions", { as: author, body: { title: "SSE visibility", body: "Opening" } });
  discussionId = (reply.json as { id: string }).id;
});

const messageOf = (data: string) => {
  const event = JSON.parse(data) as LiveThreadEvent;
  return "message" in event ? event.message : null;
};

describe("GET /discussions/{id}/events and held messages", () => {
  it("carries held messages to their author only, with their status", async () => {
    const since = encodeCursor(await currentHorizon(app.db));
    const url = `${rest.url}/discussions/${discussionId}/events?lastEventId=${since}`;
    const [forOther, forAnonymous, forAuthor] = await Promise.all([
      openSse(url, authHeaders(other)),
      openSse(url),
      openSse(url, authHeaders(author)),
    ]);
    const held = await rest.call("POST", `/discussions/${discussionId}/messages`, { as: author, body: { body: "Shut up, all of you." } });
    expect(held.json).toMatchObject({ status: "held" });
    const clean = await rest.call("POST", `/discussions/${discussionId}/messages`, { as: author, body: { body: "Sorry about that." } });
    const cleanId = (clean.json as { id: string }).id;

    // Outbox order: the held message would come first had it got through.
    for (const stream of [forOther, forAnonymous]) {
      const [first] = await stream.take(1);
      expect(first?.event).toBe("message.created");
      expect(messageOf(first!.data)).toMatchObject({ id: cleanId, status: "published" });
    }
    const [own] = await forAuthor.take(1);
    expect(messageOf(own!.data)).toMatchObject({ id: (held.json as { id: string }).id, status: "held", body: "Shut up, all of you." });
    for (const stream of [forOther, forAnonymous, forAuthor]) stream.close();
  });
});
