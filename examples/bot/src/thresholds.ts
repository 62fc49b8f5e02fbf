/**
 * Remembers which multiple of `every` the thread has reached, so that each crossing asks for
 * one summary: 9 -> 10 crosses once, 10 -> 11 does not, 19 -> 31 (a burst) crosses once.
 * It starts at the thread's size when the bot starts: crossings from before do not count.
 */
export class ThresholdTracker {
  #level: number;

  constructor(
    private readonly every: number,
    startCount: number,
  ) {
    this.#level = Math.floor(startCount / every);
  }

  /** True when `count` passes a threshold not passed before. */
  crossed(count: number): boolean {
    const level = Math.floor(count / this.every);
    if (level <= this.#level) return false;
    this.#level = level;
    return true;
  }
}
