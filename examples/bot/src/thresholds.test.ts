import { describe, expect, it } from "vitest";
import { ThresholdTracker } from "./thresholds";

describe("ThresholdTracker", () => {
  it("crosses once per multiple, once for a burst, never backwards or twice", () => {
    const tracker = new ThresholdTracker(10, 3);
    const crossings = [4, 9, 10, 11, 10, 19, 31, 32, 39, 40].filter((count) =>
      tracker.crossed(count),
    );
    expect(crossings).toEqual([10, 31, 40]);
  });

  it("ignores thresholds the thread had passed before the bot started", () => {
    const tracker = new ThresholdTracker(5, 12);
    expect([12, 13, 14].some((count) => tracker.crossed(count))).toBe(false);
    expect(tracker.crossed(15)).toBe(true);
  });
});
