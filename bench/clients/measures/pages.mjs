// Pages with wrk: each page's requests/s and latency, next to the cheapest page of the same
// server measured the same way (the fastest of a few candidates that answer 200).
import { cpuWatch, waitIdle } from "../servers.mjs";
import { wrk } from "../wrk.mjs";

/** One GET, to check a page answers 200 before loading it (a redirect to sign-in would be fast and wrong). */
export async function check(base, path, cookie) {
  const response = await fetch(base + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { status: response.status, bytes, html: /text\/html/.test(response.headers.get("content-type") ?? "") };
}

/**
 * A signed-in page's cookie, asked for just before each wrk run. A browser keeps every cookie the app
 * renews (the sign-in's security stamp is checked every 30 s, and the answer carries a renewed cookie);
 * wrk cannot, so it gets a cookie issued just now, which stays fresh for its whole run, and no request
 * in the run pays for a check that a browser's would not.
 */
const cookieOf = async (page) => (typeof page.cookie === "function" ? page.cookie() : page.cookie);

async function load(base, page, options, log) {
  const checked = await check(base, page.path, await cookieOf(page));
  if (checked.status !== 200) {
    return { ...page, cookie: undefined, status: checked.status, notAvailable: `GET ${page.path} answered ${checked.status}, not 200` };
  }
  await waitIdle(options.serverPid);
  let watch = cpuWatch(options.serverPid, []);
  let result = await wrk(base + page.path, { ...options, cookie: await cookieOf(page) });
  let note = null;
  if (result.requests < 20) {
    // Slower than wrk's window with this many connections (wrk counts only finished requests):
    // measure the rate again with 2 connections, which keep 2 cores as busy, for longer.
    const seconds = Math.max(10, options.seconds);
    note = `${result.requests} requests finished in ${options.seconds} s with ${options.connections} connections; rate from ${seconds} s with 2`;
    await waitIdle(options.serverPid);
    watch = cpuWatch(options.serverPid, []);
    result = await wrk(base + page.path, { ...options, connections: 2, seconds, timeoutSeconds: 60, cookie: await cookieOf(page) });
  }
  const cpu = watch();
  if (result.requests === 0) result.latencyMs = {};
  log(`  ${page.name.padEnd(28)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  (server ${cpu.serverCores} cores, others and wrk ${cpu.otherCores})`);
  return {
    name: page.name,
    path: page.path,
    signedIn: Boolean(page.cookie),
    bytes: checked.bytes,
    requestsPerSecond: result.requestsPerSecond,
    latencyMs: result.latencyMs,
    requests: result.requests,
    errors: result.non2xx3xx + result.socketErrors,
    html: checked.html,
    note,
    serverCores: cpu.serverCores,
    otherCores: cpu.otherCores,
  };
}

/** The fastest candidate that is an HTML page answering 200 without errors: the floor the other pages are compared to. */
export async function cheapest(base, candidates, options, log) {
  const measured = [];
  for (const page of candidates) measured.push(await load(base, page, options, log));
  const usable = measured.filter((m) => !m.notAvailable && m.errors === 0 && m.html);
  if (usable.length === 0) throw new Error("no candidate for the cheapest page answered 200 without errors");
  const best = usable.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  return { best, candidates: measured };
}

/** Loads every page and gives each as a share of the cheapest page's rate. */
export async function measurePages(base, pages, candidates, options, log) {
  const floor = await cheapest(base, candidates, options, log);
  const rows = [];
  for (const page of pages) {
    const row = await load(base, page, options, log);
    if (!row.notAvailable) row.percentOfCheapest = (100 * row.requestsPerSecond) / floor.best.requestsPerSecond;
    rows.push(row);
  }
  return { cheapest: floor.best, candidates: floor.candidates, rows };
}
