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

/**
 * What a team types beside a form (issue #12, "Has someone tried this already?"): GET /search/related
 * with the text as typed. `terms` are the words the app keeps of it (RelatedShareBacks.Terms: no
 * stop words, none under three characters), for the floor (timeRawRelated).
 */
export const RELATED = [
  {
    name: "team plan",
    text: "We want to see whether an assistant can draft the weekly customer report from support tickets and meeting notes, and check the summary for hallucination before it goes out to everyone",
    terms: ["assistant", "draft", "weekly", "customer", "report", "support", "tickets", "meeting", "notes", "check", "summary", "hallucination", "goes", "everyone"],
  },
  { name: "title and tools", text: "Release notes from the sprint's merged pull requests\nchatgpt, github", terms: ["release", "notes", "sprint", "merged", "pull", "requests", "chatgpt", "github"] },
  { name: "one word so far", text: "prompt", terms: ["prompt"] },
];

/** Inputs that must never answer 500 (no input, odd syntax). */
export const ODD_INPUTS = ["", " ", '"', "-", "tag:", "-\"\"", "*", "NEAR(", "a OR", "\u0000", "x".repeat(2000)];

/** GET `path` `reps` times (at most `budgetMs` per query), after two untimed ones. */
async function timeHttp(session, path, reps, budgetMs) {
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

/**
 * Searches of every shape (a word, two words, a phrase, a tag, an exclusion) for words the table does not time,
 * sent before any timed query for WARM_UP_MS (at least 40): the rows time a server in its steady state, as one
 * that has been up for a while, not the compiler. .NET first runs a method unoptimised, tiers it up after about
 * 30 calls once no new method has been compiled for 100 ms, and then again with profile data (dynamic PGO): 40
 * searches were not enough (the very common word at 10,000 took 14 ms at the median after 40, 9.5 ms after
 * 1,500); the rate stops improving after a few hundred.
 */
const WARM_UP_MS = 8000;
const WARM_UP = ["meeting", "slides summary", '"test data"', "tag:chatgpt", "review -draft", "onboarding", "spreadsheet", "tag:claude"];

export async function measureQueries(session, dbFile, { reps, budgetMs }, log) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const rows = [];
  try {
    const warmUpStarted = now();
    for (let i = 0; i < 40 || now() - warmUpStarted < WARM_UP_MS; i++) {
      const response = await session.request(`/search?q=${encodeURIComponent(WARM_UP[i % WARM_UP.length])}&warm=${i}`, { follow: false });
      await response.arrayBuffer();
    }
    for (const query of QUERIES) {
      const http = await timeHttp(session, `/search?q=${encodeURIComponent(query.q)}`, reps, budgetMs);
      const raw = timeRaw(db, query.match, reps);
      log(`  ${query.name.padEnd(18)} http p50 ${http.p50Ms?.toFixed(1)} p95 ${http.p95Ms?.toFixed(1)} ms (n ${http.n}) | raw p50 ${raw.p50Ms?.toFixed(2)} p95 ${raw.p95Ms?.toFixed(2)} ms, ${raw.matches} matches`);
      rows.push({ ...query, http, raw });
    }
  } finally {
    db.close();
  }
  return rows;
}

/**
 * The floor for a related lookup: the app's two statements (RelatedShareBacks) run on the file. First
 * how many share-backs have each word, counted up to the row budget (2,000) or half, whichever is
 * lower; the words in half or more are dropped (bm25 gives them no weight), then the commonest of the
 * rest while their rows exceed the budget (the rarest stays), or when none is left the rarest two are
 * kept; then any of the kept words, bm25 with the app's weights, LIMIT 5.
 */
const ROW_BUDGET = 2000;
function timeRawRelated(db, terms, reps) {
  const frequencies = db.prepare(`SELECT CAST(t.key AS INTEGER) AS i, (SELECT count(*) FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL) AS total,
      (SELECT count(*) FROM (SELECT 1 FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH t.value
        LIMIT min(?, (SELECT count(*) / 2 FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL)) + 1)) AS docs
    FROM json_each(?) t`);
  const statement = db.prepare(`SELECT rowid AS Id FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH ? AND rowid <> 0
    ORDER BY bm25("ShareBackSearch", 10.0, 6.0, 1.0, 1.0) LIMIT 5`);
  const count = db.prepare(`SELECT count(*) AS n FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH ?`);
  const rarest = (a, b) => a.docs - b.docs || a.i - b.i;
  const keep = () => {
    if (terms.length < 2) return terms;
    const counts = frequencies.all(ROW_BUDGET, JSON.stringify(terms.map(quote)));
    let kept = [];
    let rows = 0;
    for (const c of counts.filter((c) => c.docs > 0 && 2 * c.docs < c.total && c.docs <= ROW_BUDGET).sort(rarest)) {
      if (kept.length && rows + c.docs > ROW_BUDGET) break;
      kept.push(c);
      rows += c.docs;
    }
    if (!kept.length) kept = counts.filter((c) => c.docs > 0).sort(rarest).slice(0, 2);
    return kept.sort((a, b) => a.i - b.i).map((c) => terms[c.i]);
  };
  const times = [];
  let kept = terms;
  for (let i = -2; i < reps; i++) {
    const sent = now();
    kept = keep();
    if (kept.length) statement.all(kept.map(quote).join(" OR "));
    if (i >= 0) times.push(now() - sent);
  }
  return { n: times.length, p50Ms: median(times), p95Ms: percentile(times, 95), kept: kept.length, matches: kept.length ? count.get(kept.map(quote).join(" OR ")).n : 0 };
}

/** The related lookup beside the forms: each text over HTTP next to the raw FTS5 any-of query. */
export async function measureRelated(session, dbFile, { reps, budgetMs }, log) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const rows = [];
  try {
    for (const related of RELATED) {
      const http = await timeHttp(session, `/search/related?text=${encodeURIComponent(related.text)}`, reps, budgetMs);
      const raw = timeRawRelated(db, related.terms, reps);
      log(`  related: ${related.name.padEnd(16)} http p50 ${http.p50Ms?.toFixed(1)} p95 ${http.p95Ms?.toFixed(1)} ms (n ${http.n}) | raw p50 ${raw.p50Ms?.toFixed(2)} p95 ${raw.p95Ms?.toFixed(2)} ms, ${raw.kept} of ${related.terms.length} words kept, ${raw.matches} matches`);
      rows.push({ ...related, http, raw });
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
  for (const text of ODD_INPUTS) {
    const response = await session.request(`/search/related?text=${encodeURIComponent(text)}`, { follow: false });
    await response.arrayBuffer();
    answers.push({ path: "/search/related", text: text.length > 20 ? `${text.slice(0, 8)}… (${text.length} chars)` : text, status: response.status });
  }
  const archive = await session.request("/archive", { follow: false });
  await archive.arrayBuffer();
  answers.push({ path: "/archive", status: archive.status });
  return { answers, serverErrors: answers.filter((a) => a.status >= 500).length };
}
