// The bench's orchestrator (bench/run calls it): prepares the data, starts the app and the bare
// hub on loopback, runs every measure, and writes bench/results/latest.{md,json}. A measure that
// cannot run says why ("not available: ...") and the others still run.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Session } from "./http.mjs";
import { generateArchive, seedBoard } from "./seed.mjs";
import { loadAverage, startServer, stopServer } from "./servers.mjs";
import { median, now } from "./stats.mjs";
import { Screens } from "./workers.mjs";
import { measurePages } from "./measures/pages.mjs";
import {
  NotAvailable, appTarget, bareTarget, ensureScreens, fanOutRound, memoryPerScreen, probeProtocol, summarizeRounds, sustainedReactions,
} from "./measures/board.mjs";
import { measureQueries, measureRelated, oddInputs } from "./measures/search.mjs";
import { evaluate, markdown, table } from "./report.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    app: { type: "string" },
    bare: { type: "string" },
    templates: { type: "string" },
    work: { type: "string" },
    results: { type: "string" },
    only: { type: "string" },
    workers: { type: "string", default: "2" },
    "reaction-teams": { type: "string" },
    sizes: { type: "string" },
    "announce-window": { type: "string", default: "100" },
    gcdump: { type: "string" },
  },
});

const CONFIG = args.quick
  ? { mode: "quick", startupRuns: 3, wrkSeconds: 5, wrkConnections: 50, sizes: [100, 1000], memoryScreens: 1000, rounds: 2, edits: 5,
    reactionScreens: 1000, reactionRate: 20, reactionSeconds: 10, reactionTeams: 1, searchSizes: [10000], searchReps: 10, searchBudgetMs: 5000 }
  : { mode: "full", startupRuns: 5, wrkSeconds: 10, wrkConnections: 50, sizes: [100, 1000, 2000], memoryScreens: 1000, rounds: 5, edits: 20,
    reactionScreens: 1000, reactionRate: 20, reactionSeconds: 60, reactionTeams: 1, searchSizes: [10000, 100000], searchReps: 100, searchBudgetMs: 20000 };
CONFIG.workers = Number(args.workers);
// Reactions go to the team on stage, as a room reacts; --reaction-teams 40 spreads them over the board.
if (args["reaction-teams"]) CONFIG.reactionTeams = Number(args["reaction-teams"]);
// --sizes 1000 measures fan-out at those screen counts only (the reactions run at 1,000 when it is among them).
// The app's announce window for reactions and questions, set explicitly so the report can say what it was.
CONFIG.announceWindowMs = Number(args["announce-window"]);
if (args.sizes) CONFIG.sizes = args.sizes.split(",").map(Number);

const DEMO_PASSWORD = "PlayDay-demo-1";
const only = args.only ? new Set(args.only.split(",")) : null;
// The data ("base") is what every other measure starts from, so it is always prepared.
const wanted = (name) => !only || only.has(name) || name === "base";
const log = (...parts) => console.error(...parts);
const work = resolve(args.work);
const appDll = resolve(args.app, "PlayDay.Web.dll");
const bareDll = resolve(args.bare, "PlayDay.Bench.BareHub.dll");
args.templates = resolve(args.templates);

const results = {
  mode: CONFIG.mode,
  startedAt: new Date().toISOString(),
  machine: machine(),
  config: CONFIG,
  notes: [],
};

function machine() {
  const version = (command, argv) => {
    try { return execFileSync(command, argv).toString().trim().split("\n")[0]; } catch { return null; }
  };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: version("uname", ["-r"]),
    node: process.version,
    dotnet: version("dotnet", ["--version"]),
    commit: version("git", ["rev-parse", "--short", "HEAD"]),
    loadAverageAtStart: loadAverage(),
  };
}

/** The app's settings for the bench: its own data directory, the repo's templates, limits raised for load. */
const appEnv = (dataDirectory, { seed = false } = {}) => (base) => ({
  PlayDay__DataDirectory: dataDirectory,
  PlayDay__TemplatesDirectory: args.templates,
  PlayDay__SeedDemoData: seed ? "true" : "false",
  Calendar__PublicBaseUrl: base,
  Board__PostsPerMinute: "1000000",
  Board__ReactionsPerMinute: "1000000",
  Board__MaxConnectionsPerUser: "10000",
  Board__MaxConnections: "10000",
  Board__HubCallsPer10Seconds: "1000000",
  Board__AnnounceWindowMilliseconds: String(CONFIG.announceWindowMs),
  Accounts__SignInsPerMinute: "100000",
  Accounts__RegistrationsPerMinute: "100000",
});

const startApp = (name, dataDirectory, options) => startServer({ name, dll: appDll, env: appEnv(dataDirectory, options), logDir: work });

/** What the screens did during a measure: gap fetches, reconnects, errors (counters after minus before). */
const delta = (after, before) => Object.fromEntries(Object.entries(after).map(([k, v]) => [k, k === "screens" || k === "connected" ? v : v - (before[k] ?? 0)]));

/** Runs a measure; a failure becomes "not available: <reason>" for that measure only. */
async function measure(name, fn) {
  if (!wanted(name)) return null;
  log(`\n== ${name}`);
  const started = now();
  try {
    results[name] = await fn();
  } catch (error) {
    const reason = error instanceof NotAvailable ? error.message : `${error.message ?? error}`;
    log(`  not available: ${reason}`);
    if (!(error instanceof NotAvailable)) log(error.stack);
    results[name] = { notAvailable: reason };
  }
  log(`  (${((now() - started) / 1000).toFixed(0)} s)`);
  return results[name];
}

/** The demo data (three accounts, five play days) plus 40 share-backs on the upcoming board. */
async function prepareBase() {
  const dir = join(work, "base");
  mkdirSync(dir, { recursive: true });
  const app = await startApp("seed", dir, { seed: true });
  await stopServer(app);
  const board = seedBoard(join(dir, "playday.db"), { count: 40 });
  log(`  board ${board.playDayId}: ${board.cards.length} share-backs`);
  return board;
}

function copyOf(name) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(work, "base"), dir, { recursive: true });
  return dir;
}

const signIn = (base, who) => new Session(base).signIn(`${who}@playday.local`, DEMO_PASSWORD);

async function startup() {
  const dir = copyOf("startup");
  const runs = [];
  for (let i = 0; i < CONFIG.startupRuns; i++) {
    const app = await startApp("startup", dir);
    runs.push(app.startupMs);
    await stopServer(app);
    log(`  run ${i + 1}: ${app.startupMs.toFixed(0)} ms`);
  }
  return { runsMs: runs, medianMs: median(runs), database: "the demo data and 40 share-backs, already migrated" };
}

/** Makes priya's calendar feed (POST /me?handler=CreateFeed) and reads its address from /me. */
async function feedPath(session) {
  const token = await session.token("/me");
  const response = await session.post("/me?handler=CreateFeed", {}, token);
  await response.arrayBuffer();
  const me = await session.text("/me");
  const path = /\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(me)?.[0];
  if (!path) throw new Error("/me shows no calendar feed link after CreateFeed");
  return path;
}

const CHEAPEST_CANDIDATES = [
  { name: "sign-in page (anonymous)", path: "/account/login" },
  { name: "status page 404 (anonymous)", path: "/status/404" },
  { name: "forgot password (anonymous)", path: "/account/forgot" },
  { name: "health check", path: "/healthz" },
];
const wrkOptions = (server) => ({ seconds: CONFIG.wrkSeconds, connections: CONFIG.wrkConnections, threads: 2, serverPid: server.pid });

/** priya's cookie as a browser holds it: issued at most seconds ago (see measures/pages.mjs). */
const freshCookie = (base, who) => async () => (await signIn(base, who)).cookieHeader();

async function pages(app, board, priya) {
  const cookie = freshCookie(app.base, "priya");
  const feed = await feedPath(priya);
  const id = board.playDayId;
  return measurePages(app.base, [
    { name: "board (40 share-backs)", path: `/playdays/${id}/board`, cookie },
    { name: "board state (JSON)", path: `/playdays/${id}/board/state`, cookie },
    { name: "play day", path: `/playdays/${id}`, cookie },
    { name: "home", path: "/", cookie },
    { name: "archive", path: "/archive", cookie },
    { name: "search ?q=prompt", path: "/search?q=prompt", cookie },
    { name: "my page", path: "/me", cookie },
    { name: "calendar feed (token)", path: feed },
  ], CHEAPEST_CANDIDATES, wrkOptions(app), log);
}

async function boardMeasures(app, board, sessions) {
  const out = { app: {}, bare: {} };
  const bare = await startServer({ name: "barehub", dll: bareDll, logDir: work });
  const screens = new Screens(CONFIG.workers);
  try {
    const targets = [];
    let appReason = null;
    try {
      const target = await appTarget(app, board.playDayId, sessions);
      await probeProtocol(target);
      targets.push(target);
    } catch (error) {
      if (!(error instanceof NotAvailable)) throw error;
      appReason = error.message;
      log(`  the app's board: not available: ${appReason}`);
    }
    const editorTeam = (await sessions.editor.json(`/playdays/${board.playDayId}/board/state`)).myTeamId;
    const bareBoard = await bareTarget(bare, board.playDayId, board.cards, editorTeam);
    targets.push(bareBoard);
    out.appNotAvailable = appReason;
    for (const t of targets) {
      await screens.target({ name: t.name, base: t.server.base, hubPath: t.hubPath, stateUrl: t.stateUrl, playDayId: t.playDayId, cookies: [t.viewer.cookieHeader()] });
    }
    const key = (t) => (t.name === "app" ? "app" : "bare");

    log(`  memory: ${CONFIG.memoryScreens} idle screens`);
    for (const t of targets) out[key(t)].memory = await memoryPerScreen(screens, t, CONFIG.memoryScreens, log, { gcdumpDir: args.gcdump ? resolve(args.gcdump) : null });

    out.fanOut = [];
    for (const size of CONFIG.sizes) {
      log(`  fan-out: ${size} screens, ${CONFIG.rounds} rounds of ${CONFIG.edits} edits`);
      for (const t of targets) await ensureScreens(screens, t, size);
      const before = new Map();
      for (const t of targets) before.set(t, await screens.stats(t.name));
      const rounds = new Map(targets.map((t) => [t, []]));
      for (let r = 0; r < CONFIG.rounds; r++) {
        // Alternate which server goes first, so drift in the machine's load falls on both.
        const order = r % 2 ? [...targets].reverse() : targets;
        for (const t of order) rounds.get(t).push(await fanOutRound(screens, t, CONFIG.edits, 15000));
      }
      const row = { screens: size };
      for (const t of targets) {
        const stats = await screens.stats(t.name);
        row[key(t)] = { ...summarizeRounds(rounds.get(t)), clients: delta(stats, before.get(t)) };
        log(`    ${t.name}: median ${row[key(t)].medianMs?.toFixed(1)} ms, p99 ${row[key(t)].p99Ms?.toFixed(1)} ms, CPU ${row[key(t)].cpuMsPerPost.toFixed(1)} ms a post`);
      }
      out.fanOut.push(row);

      if (size === CONFIG.reactionScreens) {
        log(`  reactions: ${CONFIG.reactionRate}/s for ${CONFIG.reactionSeconds} s with ${size} screens`);
        out.reactions = {};
        for (const t of targets) {
          try {
            const statsBefore = await screens.stats(t.name);
            out.reactions[key(t)] = await sustainedReactions(screens, t, { rate: CONFIG.reactionRate, seconds: CONFIG.reactionSeconds, teams: CONFIG.reactionTeams }, log);
            out.reactions[key(t)].clients = delta(await screens.stats(t.name), statsBefore);
          } catch (error) {
            log(`  ${t.name}: reactions not available: ${error.message}`);
            out.reactions[key(t)] = { notAvailable: error.message };
          }
        }
      }
    }
    for (const t of targets) out[key(t)].clients = await screens.stats(t.name);
  } finally {
    await screens.exit();
    await stopServer(bare);
  }
  return out;
}

async function searchAt(size) {
  const dir = copyOf(`search-${size}`);
  try {
    const generated = generateArchive(join(dir, "playday.db"), { count: size });
    log(`  generated ${generated.shareBacks} share-backs in ${generated.seconds.toFixed(1)} s`);
    const app = await startApp(`search-${size}`, dir);
    try {
      const priya = await signIn(app.base, "priya");
      const queries = await measureQueries(priya, join(dir, "playday.db"), { reps: CONFIG.searchReps, budgetMs: CONFIG.searchBudgetMs }, log);
      const related = await measureRelated(priya, join(dir, "playday.db"), { reps: CONFIG.searchReps, budgetMs: CONFIG.searchBudgetMs }, log);
      const odd = await oddInputs(priya);
      const cookie = freshCookie(app.base, "priya");
      const loaded = await measurePages(app.base, [
        { name: "archive", path: "/archive", cookie },
        { name: "search ?q=prompt", path: "/search?q=prompt", cookie },
        { name: "search, rare word", path: "/search?q=flamegraph", cookie },
      ], CHEAPEST_CANDIDATES, wrkOptions(app), log);
      return { shareBacks: generated.shareBacks, generationSeconds: generated.seconds, queries, related, oddInputs: odd, pages: loaded };
    } finally {
      await stopServer(app);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh install: no demo data, no share-backs; its first account signs in at once. */
async function searchWithoutArchive() {
  const dir = join(work, "empty");
  mkdirSync(dir, { recursive: true });
  const app = await startApp("empty", dir);
  try {
    const session = new Session(app.base);
    const token = await session.token("/account/register");
    const response = await session.post("/account/register", {
      "Input.DisplayName": "Bench Organizer", "Input.Email": "bench@playday.local", "Input.Password": DEMO_PASSWORD, "Input.ConfirmPassword": DEMO_PASSWORD,
    }, token);
    await response.arrayBuffer();
    if (![...session.cookies.keys()].some((n) => n.startsWith("PlayDay.Auth"))) throw new Error(`registering the first account answered ${response.status} without signing in`);
    return await oddInputs(session);
  } finally {
    await stopServer(app);
  }
}

async function main() {
  const started = now();
  log(`PlayDay bench (${CONFIG.mode}) on ${results.machine.cpus} cores, load average ${results.machine.loadAverageAtStart.join(" ")}`);
  const board = await measure("base", prepareBase);
  if (board?.notAvailable) throw new Error(`cannot prepare the data: ${board.notAvailable}`);

  await measure("startup", startup);

  if (wanted("pages") || wanted("board")) {
    const app = await startApp("app", copyOf("main"));
    try {
      const sessions = {
        viewer: await signIn(app.base, "maya"),
        editor: await signIn(app.base, "sam"),
        reactors: [await signIn(app.base, "sam"), await signIn(app.base, "priya")],
      };
      const priya = await signIn(app.base, "priya");
      await measure("pages", () => pages(app, board, priya));
      await measure("board", () => boardMeasures(app, board, sessions));
    } finally {
      await stopServer(app);
    }
  }

  results.search = [];
  for (const size of CONFIG.searchSizes) {
    const row = await measure(`search-${size}`, () => searchAt(size));
    if (row) results.search.push({ size, ...row });
    delete results[`search-${size}`];
  }
  await measure("searchWithoutArchive", searchWithoutArchive);

  results.finishedAt = new Date().toISOString();
  results.durationSeconds = Math.round((now() - started) / 1000);
  results.machine.loadAverageAtEnd = loadAverage();
  results.goals = evaluate(results);
  delete results.base;

  mkdirSync(args.results, { recursive: true });
  writeFileSync(join(args.results, "latest.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(args.results, "latest.md"), markdown(results));
  console.log(table(results));
}

main().then(() => process.exit(0), (error) => {
  log(error.stack ?? error);
  process.exit(1);
});
