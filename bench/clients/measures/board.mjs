// The live board under load, each figure next to the bare hub's in the same run: memory per idle
// screen, post (edit) -> visible on the last of N screens with the server's CPU per post, and
// sustained reactions. Screens are board-client.mjs screens in forked screen processes.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { BoardScreen, REACTION_KINDS, countsVector, modelFromState } from "../board-client.mjs";
import { Session, dataAttribute, formToken } from "../http.mjs";
import { shareBackText } from "../seed.mjs";
import { cpuSeconds, cpuWatch, settledRss } from "../servers.mjs";
import { median, now, percentile, seeded, sleep } from "../stats.mjs";

export class NotAvailable extends Error {}

/** An edit's text: the k-th of a deterministic series, the same for the app and the bare hub. */
const editText = (k) => shareBackText(seeded(1000 + k));

/**
 * A board to drive: the app's (signed-in people, antiforgery tokens) or the bare hub's (the same
 * paths and fields, nothing checked). `editor` edits card `cardId`; `reactors` react.
 */
export class BoardTarget {
  constructor({ name, server, playDayId, viewer, editor, reactors, hubPath, stateUrl, cardId, version, teamIds }) {
    Object.assign(this, { name, server, playDayId, viewer, editor, reactors, hubPath, cardId, version, teamIds });
    this.stateUrl = stateUrl ?? `/playdays/${playDayId}/board/state`;
    this.tokens = new Map();
  }

  async token(session) {
    if (!this.tokens.has(session)) this.tokens.set(session, await session.token(`/playdays/${this.playDayId}/board`));
    return this.tokens.get(session);
  }

  async state() {
    return this.viewer.json(this.stateUrl);
  }

  /** Edits the card once; returns its new version. */
  async edit(k) {
    const text = editText(k);
    const response = await this.editor.post(`/playdays/${this.playDayId}/board/sharebacks/${this.cardId}`,
      { Title: text.title, Tags: text.tags, Body: text.body, BaseVersion: String(this.version) }, await this.token(this.editor));
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${this.name}: the edit answered ${response.status}: ${body.slice(0, 300)}`);
    this.version = JSON.parse(body).version ?? this.version + 1;
    return this.version;
  }

  async react(reactor, teamId, kind, on) {
    const session = this.reactors[reactor];
    const response = await session.post(`/playdays/${this.playDayId}/board/teams/${teamId}/reactions`,
      { kind, on: String(on), person: `reactor-${reactor}` }, await this.token(session));
    await response.arrayBuffer();
    return response.status;
  }
}

/**
 * Checks that the app's board speaks the protocol board-client.mjs speaks: a screen joins, an
 * edit arrives as ShareBackEdited carrying the card. Throws NotAvailable with the reason if not.
 */
export async function probeProtocol(target) {
  const screen = new BoardScreen({ base: target.server.base, hubPath: target.hubPath, stateUrl: target.stateUrl, playDayId: target.playDayId, cookie: target.viewer.cookieHeader() });
  let event = null;
  screen.connection.on("ShareBackEdited", (e) => { event = e; });
  try {
    await screen.start();
    await target.edit(0);
    for (const started = now(); !event && now() - started < 5000;) await sleep(20);
  } finally {
    await screen.stop().catch(() => {});
  }
  if (!event) throw new NotAvailable("no ShareBackEdited event reached a joined screen within 5 s of an edit");
  if (!event.card) {
    throw new NotAvailable("this build's board has the old protocol (its events carry no card; screens refetch HTML parts)");
  }
  if (event.card.version !== target.version) throw new NotAvailable(`the edited card has version ${event.card.version}, the edit answered ${target.version}`);
}

/** The app's board: maya watches, sam edits his team's share-back, sam and priya react. */
export async function appTarget(server, playDayId, sessions) {
  const page = await sessions.viewer.text(`/playdays/${playDayId}/board`);
  const hubPath = dataAttribute(page, "hub-path");
  const stateUrl = dataAttribute(page, "state-url");
  if (!hubPath || !(formToken(page) ?? (await sessions.viewer.personToken(page)))) throw new NotAvailable("the board page has no data-hub-path or no form token");
  const editorState = await sessions.editor.json(stateUrl ?? `/playdays/${playDayId}/board/state`);
  const model = modelFromState(editorState);
  const teamId = editorState.myTeamId;
  const card = [...model.cards.values()].find((c) => c.teamId === teamId);
  if (!card) throw new NotAvailable(`the editor's team (${teamId}) has no share-back on board ${playDayId}`);
  const teamIds = (editorState.queue ?? []).map((t) => t.id);
  return new BoardTarget({
    name: "app", server, playDayId, hubPath, stateUrl, viewer: sessions.viewer, editor: sessions.editor, reactors: sessions.reactors,
    cardId: card.id, version: card.version ?? 1, teamIds: teamIds.length ? teamIds : [...model.counts.keys()],
  });
}

/** The bare hub's board, filled with the same 40 share-backs (same teams) as the app's. */
export async function bareTarget(server, playDayId, cards, editorTeamId) {
  const session = new Session(server.base);
  let cardId = null;
  for (const card of cards) {
    const response = await session.post(`/playdays/${playDayId}/board/sharebacks`,
      { TeamId: String(card.teamId), TeamName: card.teamName, Title: card.title, Tags: card.tags, Body: card.body }, "bare");
    const created = await response.json();
    if (card.teamId === editorTeamId) cardId = created.shareBackId;
  }
  const reactors = [new Session(server.base), new Session(server.base)];
  return new BoardTarget({
    name: "bare hub", server, playDayId, hubPath: "/hubs/board", viewer: session, editor: session, reactors,
    cardId, version: 1, teamIds: cards.map((c) => c.teamId),
  });
}

/** Resident memory per idle, joined screen: RSS before and after `count` screens, both settled. */
export async function memoryPerScreen(screens, target, count, log, { gcdumpDir = null } = {}) {
  await screens.close(target.name, 0);
  const before = await settledRss(target.server.pid);
  // Heap snapshots (after the RSS reading: collecting one forces a full GC) tell what grows with the screens.
  const gcdump = (label) => {
    if (!gcdumpDir) return;
    const file = join(gcdumpDir, `${target.name}-${label}.gcdump`);
    execFileSync("dotnet-gcdump", ["collect", "-p", String(target.server.pid), "-o", file], { stdio: "ignore", timeout: 120000 });
    log(`  ${target.name}: heap snapshot ${file}`);
  };
  gcdump("0-screens");
  const opened = await screens.open(target.name, count);
  if (opened.open < count) throw new Error(`${target.name}: only ${opened.open} of ${count} screens connected (${opened.error})`);
  const after = await settledRss(target.server.pid);
  gcdump(`${count}-screens`);
  const perScreenKiB = (after - before) / count;
  log(`  ${target.name}: ${before} KiB -> ${after} KiB with ${count} screens = ${perScreenKiB.toFixed(1)} KiB a screen`);
  return { screens: count, rssBeforeKiB: before, rssAfterKiB: after, perScreenKiB };
}

/** Brings a target to exactly `count` open screens. */
export async function ensureScreens(screens, target, count) {
  await screens.close(target.name, count);
  const opened = await screens.open(target.name, count);
  if (opened.open < count) throw new Error(`${target.name}: only ${opened.open} of ${count} screens connected (${opened.error})`);
}

/**
 * K edits one after another; each timed from just before its POST to the moment the last screen
 * applied the new card. Returns the latencies and the server's CPU time per edit.
 */
export async function fanOutRound(screens, target, edits, timeoutMs) {
  const latencies = [];
  let missed = 0;
  const cpuBefore = cpuSeconds(target.server.pid);
  const watch = cpuWatch(target.server.pid, screens.workers.map((w) => w.pid));
  await screens.all("loopDelay");
  for (let k = 0; k < edits; k++) {
    const version = target.version + 1;
    const watches = await Promise.all(screens.workers.map((w) => w.call("watchCard", { name: target.name, cardId: target.cardId, version, timeoutMs })));
    const sent = now();
    await target.edit(version);
    const results = await Promise.all(screens.workers.map((w, i) => w.call("cardResult", { watchId: watches[i].watchId })));
    const seen = results.reduce((s, r) => s + r.seen, 0);
    const total = results.reduce((s, r) => s + r.total, 0);
    if (seen < total) {
      missed += total - seen;
      if (seen === 0) throw new Error(`${target.name}: no screen showed edit ${k + 1} within ${timeoutMs / 1000} s`);
      continue;
    }
    latencies.push(Math.max(...results.map((r) => r.last ?? 0)) - sent);
  }
  const cpuMsPerPost = ((cpuSeconds(target.server.pid) - cpuBefore) * 1000) / edits;
  const delays = await screens.all("loopDelay");
  return { latencies, missed, cpuMsPerPost, cpu: watch(), clientDelayP99Ms: Math.max(...delays.map((d) => d.p99Ms)) };
}

/** Summary over rounds: the median of the rounds' medians and of their p99s, and all samples' p99. */
export function summarizeRounds(rounds) {
  const all = rounds.flatMap((r) => r.latencies);
  return {
    rounds: rounds.length,
    samples: all.length,
    medianMs: median(rounds.map((r) => median(r.latencies))),
    p99Ms: median(rounds.map((r) => percentile(r.latencies, 99))),
    p99AllMs: percentile(all, 99),
    maxMs: Math.max(...all),
    missedScreens: rounds.reduce((s, r) => s + r.missed, 0),
    cpuMsPerPost: median(rounds.map((r) => r.cpuMsPerPost)),
    clientCores: median(rounds.map((r) => r.cpu.clientCores)),
    otherCores: median(rounds.map((r) => r.cpu.otherCores)),
    clientDelayP99Ms: median(rounds.map((r) => r.clientDelayP99Ms)),
    roundsDetail: rounds.map((r) => ({ medianMs: median(r.latencies), p99Ms: percentile(r.latencies, 99), cpuMsPerPost: r.cpuMsPerPost, cpu: r.cpu })),
  };
}

/**
 * The reactions plan: reaction i goes to team i mod T; each team's reactions cycle through two
 * people turning each kind on (WouldUse by both, then TryThisWeek by both, ...) and then off in the
 * same order: 16 steps whose counts all differ, so the counts a screen shows tell which reactions
 * it has seen, however many one coalesced update covers (as long as the server saves a reaction
 * within 15 reactions' time of sending it). `base` are the teams' counts before.
 */
export function reactionsPlan(teamIds, total, base) {
  const plan = [];
  const state = new Map(teamIds.map((t) => [t, new Set()]));
  for (let i = 0; i < total; i++) {
    const teamId = teamIds[i % teamIds.length];
    const step = Math.floor(i / teamIds.length) % 16;
    const reactor = step % 2;
    const kind = REACTION_KINDS[Math.floor((step % 8) / 2)];
    const on = step < 8;
    const set = state.get(teamId);
    if (on) set.add(`${reactor}:${kind}`);
    else set.delete(`${reactor}:${kind}`);
    const expected = countsVector(base.get(teamId)).map((n, k) => n + [...set].filter((s) => s.endsWith(`:${REACTION_KINDS[k]}`)).length);
    plan.push({ index: i, teamId, reactor, kind, on, expected });
  }
  return plan;
}

/**
 * `rate` reactions a second for `seconds`, sent on schedule (not waiting for answers); each timed
 * from its POST to the moment the last screen shows the counts it leads to. At the end every
 * screen's counts are compared with GET /state, and /state with the plan.
 */
export async function sustainedReactions(screens, target, { rate, seconds, teams, settleMs = 10000 }, log) {
  const before = modelFromState(await target.state());
  const total = Math.round(rate * seconds);
  const teamIds = target.teamIds.slice(0, teams);
  const plan = reactionsPlan(teamIds, total, before.counts);
  // Reaction i is due at start + i / rate; screens only credit reactions already due.
  const start = now() + 300;
  const byTeam = {};
  for (const p of plan) (byTeam[p.teamId] ??= []).push({ index: p.index, expected: p.expected, due: start + (p.index * 1000) / rate });
  await screens.all("reactionsPlan", { name: target.name, plan: { teams: byTeam, total } });

  const sent = new Array(total).fill(null);
  const statuses = new Array(total).fill(null);
  const answered = new Array(total).fill(null);
  const inFlight = [];
  let maxInFlight = 0;
  let open = 0;
  const cpuBefore = cpuSeconds(target.server.pid);
  const watch = cpuWatch(target.server.pid, screens.workers.map((w) => w.pid));
  await screens.all("loopDelay");
  for (const p of plan) {
    const due = start + (p.index * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    sent[p.index] = now();
    open++;
    maxInFlight = Math.max(maxInFlight, open);
    inFlight.push(target.react(p.reactor, p.teamId, p.kind, p.on)
      .then((status) => { statuses[p.index] = status; answered[p.index] = now() - sent[p.index]; }, (error) => { statuses[p.index] = String(error.message ?? error); })
      .finally(() => { open--; }));
  }
  await Promise.all(inFlight);
  const sendSeconds = (now() - start) / 1000;
  const cpuSecondsUsed = cpuSeconds(target.server.pid) - cpuBefore;
  const cpu = watch();
  const delays = await screens.all("loopDelay");

  // Wait for the screens to catch up (or give up after settleMs).
  const waitStarted = now();
  let report;
  for (;;) {
    report = await screens.all("reactionsProgress", { name: target.name });
    const complete = report.every((r) => r.complete === total);
    if (complete || now() - waitStarted > settleMs) break;
    await sleep(250);
  }
  const reports = await screens.all("reactionsReport", { name: target.name });
  const screenCount = reports.reduce((s, r) => s + r.screens, 0);
  const latencies = [];
  let notSeenByAll = 0;
  for (let i = 0; i < total; i++) {
    const seen = reports.reduce((s, r) => s + r.seen[i], 0);
    if (seen < screenCount) {
      notSeenByAll++;
      continue;
    }
    latencies.push(Math.max(...reports.map((r) => r.last[i] ?? 0)) - sent[i]);
  }
  const failed = statuses.filter((s) => s !== 200);
  const after = modelFromState(await target.state());
  const finalCounts = Object.fromEntries(target.teamIds.map((t) => [t, countsVector(after.counts.get(t))]));
  const expectedFinal = new Map();
  for (const p of plan) expectedFinal.set(p.teamId, p.expected);
  const stateExact = [...expectedFinal].every(([t, e]) => finalCounts[t].join() === e.join());
  const checks = await screens.all("checkCounts", { name: target.name, counts: finalCounts });
  const lost = checks.reduce((s, c) => s + c.differ, 0);
  const disconnected = checks.reduce((s, c) => s + c.disconnected, 0);
  const result = {
    screens: screenCount,
    reactions: total,
    teams: teamIds.length,
    ratePerSecond: total / sendSeconds,
    failedPosts: failed.length,
    failedExample: failed[0] ?? null,
    maxInFlight,
    answerMedianMs: median(answered),
    answerP99Ms: percentile(answered, 99),
    medianMs: median(latencies),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length ? Math.max(...latencies) : null,
    notSeenByAll,
    lostScreens: lost,
    disconnectedScreens: disconnected,
    stateExact,
    exact: lost === 0 && disconnected === 0 && stateExact && failed.length === 0,
    example: checks.find((c) => c.example)?.example ?? null,
    serverCpuPercent: (100 * cpuSecondsUsed) / sendSeconds,
    clientCores: cpu.clientCores,
    otherCores: cpu.otherCores,
    clientDelayP99Ms: Math.max(...delays.map((d) => d.p99Ms)),
  };
  log(`  ${target.name}: ${total} reactions at ${result.ratePerSecond.toFixed(1)}/s, p50 ${result.medianMs?.toFixed(1)} ms, p99 ${result.p99Ms?.toFixed(1)} ms, `
    + `${notSeenByAll} not seen by all, ${lost} screens with other counts, failed posts ${failed.length}, exact ${result.exact}`);
  return result;
}
