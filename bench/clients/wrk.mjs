// Runs wrk against one URL and reads its summary: requests/s, latency percentiles, errors.
import { execFile } from "node:child_process";

const toMs = (text) => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[m[2]];
};

export function parseWrk(output) {
  const latency = {};
  for (const m of output.matchAll(/^\s+(50|75|90|99)%\s+(\S+)/gm)) latency[`p${m[1]}`] = toMs(m[2]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN),
    latencyMs: latency,
    non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  };
}

/** Chromium's Accept-Encoding. */
export const ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/** wrk -t threads -c connections -d seconds --latency [-H Cookie] url */
export function wrk(url, { threads = 2, connections = 50, seconds = 10, cookie, timeoutSeconds = 10 } = {}) {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--latency", "--timeout", `${timeoutSeconds}s`];
  if (cookie) args.push("-H", `Cookie: ${cookie}`);
  // What every browser sends; the app compresses only the pages it stores for everyone of a kind.
  args.push("-H", `Accept-Encoding: ${ACCEPT_ENCODING}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile("wrk", args, { timeout: (seconds + timeoutSeconds + 30) * 1000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`wrk failed: ${stderr || error.message}`));
      else resolve({ url, ...parseWrk(stdout) });
    });
  });
}
