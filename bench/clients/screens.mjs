// A process holding many board screens (board-client.mjs) for the orchestrator (bench.mjs), which
// forks one or more of these so that the clients' CPU is spread over the machine's cores. It
// answers commands over IPC and records, per screen, the moment each change became visible.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { BoardScreen, countsVector, modelFromState } from "./board-client.mjs";

// How long events wait in this process before a screen gets to them: the clients' share of a latency.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

/** name -> { base, hubPath, playDayId, cookies, snapshot, screens, watchers, reactions } */
const targets = new Map();
const watches = new Map();
let nextWatch = 1;

async function snapshot(target) {
  const response = await fetch(new URL(target.stateUrl, target.base), { headers: { Cookie: target.cookies[0], Accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /state answered ${response.status}`);
  return modelFromState(await response.json());
}

const handlers = {
  async target({ name, base, hubPath, stateUrl, playDayId, cookies }) {
    const target = { base, hubPath, stateUrl, playDayId, cookies, screens: [], watchers: new Set(), reactions: null };
    target.snapshot = await snapshot(target);
    targets.set(name, target);
    return { ok: true };
  },

  /** Opens screens until the target has `count` connected and joined ones. */
  async open({ name, count, concurrency = 20 }) {
    const target = targets.get(name);
    // A page opened now is rendered with the board as it is now.
    target.snapshot = await snapshot(target);
    const errors = [];
    const wanted = count - target.screens.length;
    let next = 0;
    const worker = async () => {
      while (next < wanted) {
        next++;
        const screen = new BoardScreen({
          base: target.base,
          hubPath: target.hubPath,
          stateUrl: target.stateUrl,
          playDayId: target.playDayId,
          cookie: target.cookies[target.screens.length % target.cookies.length],
          snapshot: target.snapshot,
          onApplied: (s, eventName, e, at, previous) => applied(target, s, eventName, e, at, previous),
          onReloaded: (s, previous, at) => reloaded(target, s, previous, at),
        });
        try {
          await screen.start();
          target.screens.push(screen);
        } catch (error) {
          errors.push(String(error?.message ?? error));
          await screen.stop().catch(() => {});
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { open: target.screens.length, failed: errors.length, error: errors[0] ?? null };
  },

  async close({ name, keep = 0 }) {
    const target = targets.get(name);
    const closing = target.screens.splice(keep);
    await Promise.all(closing.map((s) => s.stop().catch(() => {})));
    return { open: target.screens.length };
  },

  /**
   * Starts watching for card `cardId` at `version` or later on every screen of the target; answers
   * at once, so that the write can be sent after the watch is in place. `cardResult` waits for it.
   */
  watchCard({ name, cardId, version, timeoutMs }) {
    const target = targets.get(name);
    const watcher = { id: nextWatch++, cardId, version, seen: 0, first: null, last: null };
    for (const screen of target.screens) {
      if ((screen.model?.cards.get(cardId)?.version ?? 0) >= version) watcher.seen++;
    }
    watcher.result = new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        target.watchers.delete(watcher);
        resolve({ seen: watcher.seen, total: target.screens.length, first: watcher.first, last: watcher.last });
      };
      const timer = setTimeout(finish, timeoutMs);
      watcher.check = () => { if (watcher.seen >= target.screens.length) finish(); };
    });
    target.watchers.add(watcher);
    watcher.check();
    watches.set(watcher.id, watcher);
    return { watchId: watcher.id };
  },

  async cardResult({ watchId }) {
    const result = await watches.get(watchId).result;
    watches.delete(watchId);
    return result;
  },

  /**
   * The reactions to come, per team in order, each with the counts the team has after it:
   * { teams: { [teamId]: [{ index, expected: [4 counts] }] }, total }.
   */
  reactionsPlan({ name, plan }) {
    const target = targets.get(name);
    target.reactions = {
      teams: new Map(Object.entries(plan.teams).map(([teamId, list]) => [Number(teamId), list])),
      seen: new Array(plan.total).fill(0),
      last: new Array(plan.total).fill(null),
      pointers: new Map(target.screens.map((s) => [s, new Map()])),
    };
    return { ok: true };
  },

  reactionsProgress({ name }) {
    const target = targets.get(name);
    const total = target.screens.length;
    return { complete: target.reactions.seen.filter((n) => n >= total).length };
  },

  reactionsReport({ name }) {
    const target = targets.get(name);
    const report = { seen: target.reactions.seen, last: target.reactions.last, screens: target.screens.length };
    target.reactions = null;
    return report;
  },

  /** Screens whose counts differ from the board's (from /state), and screens no longer connected. */
  checkCounts({ name, counts }) {
    const target = targets.get(name);
    let differ = 0;
    let disconnected = 0;
    let example = null;
    for (const screen of target.screens) {
      if (!screen.connected) disconnected++;
      for (const [teamId, expected] of Object.entries(counts)) {
        const shown = countsVector(screen.model?.counts.get(Number(teamId)));
        if (shown.join() !== expected.join()) {
          differ++;
          example ??= { teamId, shown, expected };
          break;
        }
      }
    }
    return { screens: target.screens.length, differ, disconnected, example };
  },

  /** This process's event-loop delay since the last call, in ms (p99, max). */
  loopDelay() {
    const result = { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
    loopDelay.reset();
    return result;
  },

  stats({ name }) {
    const target = targets.get(name);
    const sum = { screens: target.screens.length, connected: 0, applied: 0, buffered: 0, reloads: 0, reconnects: 0, closes: 0, errors: 0 };
    for (const screen of target.screens) {
      if (screen.connected) sum.connected++;
      for (const key of Object.keys(screen.stats)) sum[key] += screen.stats[key];
    }
    return sum;
  },

  async exit() {
    await Promise.all([...targets.values()].flatMap((t) => t.screens.map((s) => s.stop().catch(() => {}))));
    setImmediate(() => process.exit(0));
    return { ok: true };
  },
};

function cardSeen(target, cardId, before, after, at) {
  for (const watcher of target.watchers) {
    if (watcher.cardId === cardId && before < watcher.version && after >= watcher.version) {
      watcher.seen++;
      watcher.first ??= at;
      watcher.last = at;
      watcher.check();
    }
  }
}

/**
 * A screen's counts for a team changed: finds the latest reaction already due whose counts these
 * are (the plan's counts repeat only every 16 reactions), and marks it and every earlier one not yet
 * marked on this screen as seen now.
 */
function countsSeen(target, screen, teamId, counts, at) {
  const reactions = target.reactions;
  const list = reactions?.teams.get(teamId);
  if (!list) return;
  let pointers = reactions.pointers.get(screen);
  if (!pointers) reactions.pointers.set(screen, (pointers = new Map()));
  const from = pointers.get(teamId) ?? 0;
  const shown = countsVector(counts).join();
  let last = from - 1;
  while (last + 1 < list.length && list[last + 1].due <= at) last++;
  for (let j = last; j >= from && j > last - 16; j--) {
    if (list[j].expected.join() === shown) {
      for (let m = from; m <= j; m++) {
        const index = list[m].index;
        reactions.seen[index]++;
        if (reactions.last[index] === null || at > reactions.last[index]) reactions.last[index] = at;
      }
      pointers.set(teamId, j + 1);
      return;
    }
  }
}

function applied(target, screen, name, e, at, previous) {
  if (name === "ShareBackPosted" || name === "ShareBackEdited") {
    cardSeen(target, e.card.id, previous?.version ?? 0, e.card.version, at);
    if (e.card.counts) countsSeen(target, screen, e.card.teamId, e.card.counts, at);
  } else if (name === "ReactionsChanged") {
    countsSeen(target, screen, e.teamId, e.counts, at);
  }
}

function reloaded(target, screen, previous, at) {
  for (const cardId of new Set([...target.watchers].map((w) => w.cardId))) {
    const before = previous?.cards.get(cardId)?.version ?? 0;
    const after = screen.model.cards.get(cardId)?.version ?? 0;
    cardSeen(target, cardId, before, after, at);
  }
  if (target.reactions) {
    for (const [teamId, counts] of screen.model.counts) countsSeen(target, screen, teamId, counts, at);
  }
}

process.on("message", async ({ id, cmd, ...args }) => {
  try {
    process.send({ id, result: await handlers[cmd](args) });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
