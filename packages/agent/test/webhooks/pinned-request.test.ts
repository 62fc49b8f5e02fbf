import { afterEach, describe, expect, it } from "vitest";
import { checkedAddress, type Resolver } from "../../src/webhooks/address-guard";
import { postPinned } from "../../src/webhooks/pinned-request";
import { startReceiver } from "./receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("a pinned webhook request", () => {
  it("connects to the checked address even when a second resolution would answer otherwise", async () => {
    receiver = await startReceiver(() => 204, "127.0.0.1");
    const answers = ["127.0.0.1", "127.0.0.2"]; // a rebinding resolver: the second answer differs
    const calls: string[] = [];
    const resolver: Resolver = (hostname) => {
      calls.push(hostname);
      const address = answers[Math.min(calls.length - 1, answers.length - 1)] ?? "127.0.0.2";
      return Promise.resolve([{ address, family: 4 }]);
    };
    // .invalid never resolves anywhere: if the request looked the name up again it would fail.
    const url = new URL(`http://rebind.invalid:${receiver.port}/hook`);
    const address = await checkedAddress(url.hostname, { resolver, allowPrivate: true });
    const response = await postPinned({
      url,
      address,
      headers: { "content-type": "application/json" },
      body: "{}",
      timeoutMs: 5000,
      maxBodyBytes: 4096,
    });
    expect(response.status).toBe(204);
    expect(calls).toEqual(["rebind.invalid"]); // resolved once, by the guard
    const [request] = receiver.received;
    expect(request?.localAddress).toBe("127.0.0.1");
    expect(request?.headers.host).toBe(`rebind.invalid:${receiver.port}`);
  });

  it("reads at most the cap of the answer and gives up after the timeout", async () => {
    receiver = await startReceiver((i) => (i === 0 ? 200 : "hang"));
    const url = new URL(`http://127.0.0.1:${receiver.port}/`);
    const address = { address: "127.0.0.1", family: 4 as const };
    const capped = await postPinned({ url, address, headers: {}, body: "x", timeoutMs: 5000, maxBodyBytes: 4 });
    expect(capped.body).toBe("answ");
    await expect(
      postPinned({ url, address, headers: {}, body: "x", timeoutMs: 200, maxBodyBytes: 4 }),
    ).rejects.toThrow(/timed out after 200 ms/);
  });
});
