import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** The bot as a separate process, as it runs for real, with its output kept line by line. */
export class BotProcess {
  readonly lines: string[] = [];
  stderr = "";
  #child: ChildProcess;
  #waiters: {
    test: RegExp;
    resolve: (match: RegExpMatchArray) => void;
    reject: (e: Error) => void;
  }[] = [];

  constructor(env: Record<string, string>) {
    this.#child = spawn(process.execPath, ["--import", "tsx", main], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let partial = "";
    this.#child.stdout?.on("data", (chunk: Buffer) => {
      partial += chunk.toString("utf8");
      const complete = partial.split("\n");
      partial = complete.pop() ?? "";
      for (const line of complete) this.#add(line);
    });
    this.#child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.#child.on("exit", () => {
      for (const waiter of this.#waiters.splice(0)) {
        waiter.reject(
          new Error(
            `the bot exited before printing ${String(waiter.test)}:\n${this.lines.join("\n")}\n${this.stderr}`,
          ),
        );
      }
    });
  }

  /** Resolves with the first line (printed so far or later) that matches. */
  line(test: RegExp): Promise<RegExpMatchArray> {
    for (const line of this.lines) {
      const match = test.exec(line);
      if (match) return Promise.resolve(match);
    }
    if (this.#child.exitCode !== null)
      return Promise.reject(new Error(`the bot has exited: ${this.stderr}`));
    return new Promise((resolve, reject) => this.#waiters.push({ test, resolve, reject }));
  }

  matching(test: RegExp): string[] {
    return this.lines.filter((line) => test.test(line));
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.#child.exitCode !== null) return this.#child.exitCode;
    this.#child.kill(signal);
    const [code] = (await once(this.#child, "exit")) as [number | null];
    return code;
  }

  exited(): Promise<number | null> {
    if (this.#child.exitCode !== null) return Promise.resolve(this.#child.exitCode);
    return once(this.#child, "exit").then(([code]) => code as number | null);
  }

  #add(line: string): void {
    this.lines.push(line);
    this.#waiters = this.#waiters.filter((waiter) => {
      const match = waiter.test.exec(line);
      if (!match) return true;
      waiter.resolve(match);
      return false;
    });
  }
}
