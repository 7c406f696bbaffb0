// Starts and stops the servers under test (the app, the bare hub) on loopback ports, and reads
// their CPU time and memory from /proc. Every child is remembered and killed when the bench exits.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { appendFileSync, openSync, readFileSync, closeSync } from "node:fs";
import { join } from "node:path";
import { now, sleep } from "./stats.mjs";

const children = new Set();
const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

function killAll() {
  for (const child of children) {
    try { child.kill("SIGKILL"); } catch { /* gone */ }
  }
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => { killAll(); process.exit(130); });
}

/** Remembers a child process so that it dies with the bench. */
export function track(child) {
  children.add(child);
  // bench/run kills what is listed here if the bench itself is killed.
  if (process.env.BENCH_PIDS) appendFileSync(process.env.BENCH_PIDS, `${child.pid}\n`);
  child.once("exit", () => children.delete(child));
  return child;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits for the first 200 from /healthz; returns milliseconds since `startedAt`. */
export async function waitHealthy(base, startedAt, child, timeoutMs = 60000) {
  while (now() - startedAt < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return now() - startedAt;
    } catch { /* not listening yet */ }
    await sleep(10);
  }
  throw new Error(`no 200 from ${base}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * Starts a published ASP.NET Core app (`dotnet <dll>`) on a free loopback port with the given
 * settings (as environment variables, or a function of the base URL giving them); resolves once
 * /healthz answers 200.
 */
export async function startServer({ name, dll, env = {}, logDir }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (typeof env === "function") env = env(base);
  const logFile = join(logDir, `${name}-${port}.log`);
  const log = openSync(logFile, "a");
  const startedAt = now();
  const child = track(spawn("dotnet", [dll], {
    cwd: dll.replace(/\/[^/]+$/, ""),
    env: {
      ...process.env,
      ASPNETCORE_URLS: base,
      ASPNETCORE_ENVIRONMENT: "Production",
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
      DOTNET_NOLOGO: "1",
      Logging__LogLevel__Default: "Warning",
      ...env,
    },
    stdio: ["ignore", log, log],
  }));
  closeSync(log);
  let startupMs;
  try {
    startupMs = await waitHealthy(base, startedAt, child);
  } catch (error) {
    child.kill("SIGKILL");
    const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join(" | ");
    throw new Error(`${name}: ${error.message}; its log ends: ${tail}`);
  }
  return { name, base, port, child, pid: child.pid, startupMs };
}

export async function stopServer(server) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(15000).then(() => false)]);
  if (!done) {
    server.child.kill("SIGKILL");
    await exited;
  }
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory in KiB. */
export function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Waits until the RSS stops moving (under 1 % over 2 s), at most `maxMs`; returns it in KiB. */
export async function settledRss(pid, maxMs = 20000) {
  const started = now();
  let previous = rssKiB(pid);
  while (now() - started < maxMs) {
    await sleep(2000);
    const current = rssKiB(pid);
    if (Math.abs(current - previous) < previous * 0.01) return current;
    previous = current;
  }
  return previous;
}

export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);

/** CPU seconds the whole machine has spent busy (every core, from /proc/stat). */
export function machineCpuSeconds() {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + (steal ?? 0)) / ticksPerSecond;
}

/**
 * Watches where the machine's CPU goes during a measure: the server, the bench's own clients
 * (given by pid), and everything else on the machine (other people's work on shared cores).
 * stop() gives each in cores (CPU seconds per second of wall time).
 */
export function cpuWatch(serverPid, clientPids) {
  const ours = () => clientPids.reduce((sum, pid) => { try { return sum + cpuSeconds(pid); } catch { return sum; } }, cpuSeconds(process.pid));
  const started = { wall: now(), machine: machineCpuSeconds(), server: cpuSeconds(serverPid), clients: ours() };
  return () => {
    const wall = (now() - started.wall) / 1000;
    const machine = machineCpuSeconds() - started.machine;
    const server = cpuSeconds(serverPid) - started.server;
    const clients = ours() - started.clients;
    const cores = (s) => Number((s / wall).toFixed(2));
    return { seconds: Number(wall.toFixed(1)), serverCores: cores(server), clientCores: cores(clients), otherCores: cores(Math.max(0, machine - server - clients)) };
  };
}

/**
 * Waits until the server is idle (under 0.05 cores over a second), at most `maxMs`: requests a
 * previous load left queued (a client that gave up does not stop the work) must not weigh on the
 * next measure. Returns the milliseconds waited.
 */
export async function waitIdle(pid, maxMs = 120000) {
  const started = now();
  while (now() - started < maxMs) {
    const before = cpuSeconds(pid);
    await sleep(1000);
    if (cpuSeconds(pid) - before < 0.05) break;
  }
  return now() - started;
}
