// Search over a generated archive: each query over HTTP (GET /search?q=) next to the raw FTS5
// query for the same terms run directly on the file (bm25 + snippet + LIMIT 10), the floor.
import Database from "better-sqlite3";
import { PLANTED } from "../seed.mjs";
import { median, now, percentile } from "../stats.mjs";

const quote = (term) => `"${term.replaceAll('"', '""')}"`;
const longQuery = "how did the team use copilot to write unit tests for the invoicing module";

/** What a person types, and the FTS5 expression the floor runs for it. */
export const QUERIES = [
  { name: "very common word", q: PLANTED.common.word, match: quote(PLANTED.common.word) },
  { name: "rare word", q: PLANTED.rare.word, match: quote(PLANTED.rare.word) },
  { name: "two words", q: PLANTED.pair.map((p) => p.word).join(" "), match: PLANTED.pair.map((p) => quote(p.word)).join(" ") },
  { name: "phrase", q: `"${PLANTED.phrase.words}"`, match: quote(PLANTED.phrase.words) },
  { name: "tag", q: `tag:${PLANTED.tag}`, match: `tags : ${quote(PLANTED.tag)}` },
  { name: "exclusion", q: `${PLANTED.common.word} -${PLANTED.excluded}`, match: `${quote(PLANTED.common.word)} NOT ${quote(PLANTED.excluded)}` },
  { name: "nonsense word", q: "qzxvjwkp", match: quote("qzxvjwkp") },
  { name: "long query", q: longQuery, match: longQuery.split(" ").map(quote).join(" ") },
];

/** Inputs that must never answer 500 (no input, odd syntax). */
export const ODD_INPUTS = ["", " ", '"', "-", "tag:", "-\"\"", "*", "NEAR(", "a OR", "\u0000", "x".repeat(2000)];

/** GET /search?q= `reps` times (at most `budgetMs` per query), after two untimed ones. */
async function timeHttp(session, q, reps, budgetMs) {
  const path = `/search?q=${encodeURIComponent(q)}`;
  const times = [];
  const statuses = {};
  const started = now();
  for (let i = -2; i < reps && (i < 5 || now() - started < budgetMs); i++) {
    const sent = now();
    // A parameter the page ignores makes each request its own: the app stores search pages (SharedPages),
    // and this row times the query, not the store.
    const response = await session.request(`${path}&run=${i + 2}`, { follow: false });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (i >= 0) times.push(now() - sent);
  }
  return { n: times.length, p50Ms: median(times), p95Ms: percentile(times, 95), statuses };
}

function timeRaw(db, match, reps) {
  const statement = db.prepare(`SELECT rowid AS Id, bm25("ShareBackSearch", 10.0, 6.0, 1.0, 3.0) AS Rank,
      snippet("ShareBackSearch", -1, char(1), char(2), '…', 18) AS Snippet
    FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH ? ORDER BY Rank LIMIT 10`);
  const count = db.prepare(`SELECT count(*) AS n FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH ?`);
  const times = [];
  for (let i = -2; i < reps; i++) {
    const sent = now();
    statement.all(match);
    if (i >= 0) times.push(now() - sent);
  }
  return { n: times.length, p50Ms: median(times), p95Ms: percentile(times, 95), matches: count.get(match).n };
}

export async function measureQueries(session, dbFile, { reps, budgetMs }, log) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const rows = [];
  try {
    for (const query of QUERIES) {
      const http = await timeHttp(session, query.q, reps, budgetMs);
      const raw = timeRaw(db, query.match, reps);
      log(`  ${query.name.padEnd(18)} http p50 ${http.p50Ms?.toFixed(1)} p95 ${http.p95Ms?.toFixed(1)} ms (n ${http.n}) | raw p50 ${raw.p50Ms?.toFixed(2)} p95 ${raw.p95Ms?.toFixed(2)} ms, ${raw.matches} matches`);
      rows.push({ ...query, http, raw });
    }
  } finally {
    db.close();
  }
  return rows;
}

/** Every odd input, once; the statuses, and whether any was a 5xx. */
export async function oddInputs(session) {
  const answers = [];
  for (const q of ODD_INPUTS) {
    const path = q === "" ? "/search" : `/search?q=${encodeURIComponent(q)}`;
    const response = await session.request(path, { follow: false });
    await response.arrayBuffer();
    answers.push({ q: q.length > 20 ? `${q.slice(0, 8)}… (${q.length} chars)` : q, status: response.status });
  }
  const archive = await session.request("/archive", { follow: false });
  await archive.arrayBuffer();
  answers.push({ path: "/archive", status: archive.status });
  return { answers, serverErrors: answers.filter((a) => a.status >= 500).length };
}
