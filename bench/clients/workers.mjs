// The orchestrator's side of screens.mjs: forks the screen processes and calls their commands.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { track } from "./servers.mjs";

export class ScreenWorker {
  constructor(index) {
    this.index = index;
    this.nextId = 1;
    this.calls = new Map();
    // Enough heap for a thousand screens or two of each server.
    this.child = track(fork(fileURLToPath(new URL("./screens.mjs", import.meta.url)), [], {
      execArgv: ["--max-old-space-size=4096"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }));
    this.child.on("message", ({ id, result, error }) => {
      const call = this.calls.get(id);
      if (!call) return;
      this.calls.delete(id);
      if (error) call.reject(new Error(`screens ${this.index}: ${error}`));
      else call.resolve(result);
    });
    this.child.on("exit", (code) => {
      for (const call of this.calls.values()) call.reject(new Error(`screens ${this.index} exited (${code})`));
      this.calls.clear();
    });
  }

  call(cmd, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.child.send({ id, cmd, ...args });
    });
  }

  get pid() {
    return this.child.pid;
  }
}

/** A pool of screen processes; a target's screens are spread evenly over them. */
export class Screens {
  constructor(count) {
    this.workers = Array.from({ length: count }, (_, i) => new ScreenWorker(i));
  }

  all(cmd, args) {
    return Promise.all(this.workers.map((w) => w.call(cmd, args)));
  }

  /** Each worker's share of `total`. */
  share(total) {
    const n = this.workers.length;
    return this.workers.map((_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
  }

  async target(args) {
    await this.all("target", args);
  }

  async open(name, total) {
    const shares = this.share(total);
    const results = await Promise.all(this.workers.map((w, i) => w.call("open", { name, count: shares[i] })));
    return {
      open: results.reduce((s, r) => s + r.open, 0),
      failed: results.reduce((s, r) => s + r.failed, 0),
      error: results.find((r) => r.error)?.error ?? null,
    };
  }

  async close(name, keepTotal) {
    const shares = this.share(keepTotal);
    await Promise.all(this.workers.map((w, i) => w.call("close", { name, keep: shares[i] })));
  }

  async stats(name) {
    const all = await this.all("stats", { name });
    const sum = {};
    for (const s of all) for (const [k, v] of Object.entries(s)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  }

  async exit() {
    await Promise.all(this.workers.map((w) => w.call("exit").catch(() => {})));
  }
}
