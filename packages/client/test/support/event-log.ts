/** What a subscription delivered, with a way to wait for a condition on it (no sleeps). */
export class EventLog<T> {
  readonly items: { id: string; data: T }[] = [];
  readonly errors: unknown[] = [];
  #waiters: { test: () => boolean; resolve: () => void; reject: (error: unknown) => void }[] = [];

  push = (item: { id: string; data: T }): void => {
    this.items.push(item);
    this.#settle();
  };

  fail = (error: unknown): void => {
    this.errors.push(error);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  };

  /** Resolves when `test` holds; rejects if the subscription fails first. */
  until(test: (items: { id: string; data: T }[]) => boolean): Promise<void> {
    const [failure] = this.errors;
    if (failure !== undefined)
      return Promise.reject(
        failure instanceof Error
          ? failure
          : new Error("the subscription failed", { cause: failure }),
      );
    if (test(this.items)) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.#waiters.push({ test: () => test(this.items), resolve, reject }),
    );
  }

  #settle(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.test()) return true;
      waiter.resolve();
      return false;
    });
  }
}
