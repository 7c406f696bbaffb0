// Turns the bench's results into the goals table (goal, measured median, floor, met or not) and
// the detail tables, as text for the terminal and as bench/results/latest.md.

const f = (value, digits = 1) => (value == null || !Number.isFinite(value) ? "–" : value.toFixed(digits));
const ms = (value) => (value == null ? "–" : `${f(value, value < 10 ? 2 : 1)} ms`);
const kb = (kib) => (kib == null ? "–" : `${f(kib * 1.024, 1)} KB`);
const rps = (value) => (value == null ? "–" : `${Math.round(value).toLocaleString("en")}/s`);
const yesNo = (met) => (met === true ? "yes" : met === false ? "**NO**" : "n/a");

const fanOutAt = (results, screens) => results.board?.fanOut?.find((r) => r.screens === screens);
const unavailable = (why) => ({ measured: `not available: ${why}`, floor: "–", met: null });

/** Each goal of issues #10 and #12 with the run's figure next to its floor. */
export function evaluate(results) {
  const goals = [];
  const board = results.board;
  const boardWhy = board?.notAvailable ?? board?.appNotAvailable ?? (board ? null : "not run");
  const quick = results.mode === "quick" ? " (quick run)" : "";

  const at1000 = fanOutAt(results, 1000);
  goals.push({
    goal: "post → visible on the last of 1,000 screens",
    target: "p99 ≤ 150 ms and ≤ 2× the bare hub",
    ...(boardWhy || !at1000?.app ? unavailable(boardWhy ?? "not run") : {
      measured: `p99 ${ms(at1000.app.p99Ms)} (median ${ms(at1000.app.medianMs)})`,
      floor: `bare hub p99 ${ms(at1000.bare?.p99Ms)}`,
      met: at1000.app.p99Ms <= 150 && at1000.app.p99Ms <= 2 * at1000.bare.p99Ms,
    }),
  });

  const at2000 = fanOutAt(results, 2000);
  goals.push({
    goal: "post → visible on the last of 2,000 screens",
    target: "p99 ≤ 300 ms",
    ...(boardWhy || !at2000?.app ? unavailable(boardWhy ?? (results.config.sizes.includes(2000) ? "not run" : `not run in a ${results.mode} run`)) : {
      measured: `p99 ${ms(at2000.app.p99Ms)} (median ${ms(at2000.app.medianMs)})`,
      floor: `bare hub p99 ${ms(at2000.bare?.p99Ms)}`,
      met: at2000.app.p99Ms <= 300,
    }),
  });

  goals.push({
    goal: "server CPU per post at 1,000 screens",
    target: "≤ 2× the bare hub's",
    ...(boardWhy || !at1000?.app ? unavailable(boardWhy ?? "not run") : {
      measured: ms(at1000.app.cpuMsPerPost),
      floor: `bare hub ${ms(at1000.bare?.cpuMsPerPost)}`,
      met: at1000.app.cpuMsPerPost <= 2 * at1000.bare.cpuMsPerPost,
    }),
  });

  const reactions = board?.reactions?.app;
  const cfg = results.config;
  goals.push({
    goal: `${cfg.reactionRate} reactions/s for ${cfg.reactionSeconds} s with ${cfg.reactionScreens.toLocaleString("en")} screens${quick}`,
    target: "p99 ≤ 250 ms to the last screen, 0 lost, counts exact",
    ...(boardWhy || !reactions || reactions.notAvailable ? unavailable(boardWhy ?? reactions?.notAvailable ?? "not run") : {
      measured: `p99 ${ms(reactions.p99Ms)}, ${reactions.lostScreens + reactions.disconnectedScreens} lost, exact: ${reactions.exact ? "yes" : "no"}`,
      floor: `bare hub p99 ${ms(board.reactions.bare?.p99Ms)}`,
      met: reactions.p99Ms <= 250 && reactions.lostScreens + reactions.disconnectedScreens === 0 && reactions.exact,
    }),
  });

  const memory = board?.app?.memory;
  goals.push({
    goal: "memory per idle board connection",
    target: "≤ 50 KB",
    ...(boardWhy || !memory ? unavailable(boardWhy ?? "not run") : {
      measured: kb(memory.perScreenKiB),
      floor: `bare hub ${kb(board.bare?.memory?.perScreenKiB)}`,
      met: memory.perScreenKiB * 1.024 <= 50,
    }),
  });

  const pages = results.pages;
  const boardPage = pages?.rows?.find((r) => r.name.startsWith("board ("));
  goals.push({
    goal: "board first paint with 40 share-backs",
    target: "≥ 50 % of the cheapest page's requests/s",
    ...(!pages || pages.notAvailable || !boardPage || boardPage.notAvailable ? unavailable(pages?.notAvailable ?? boardPage?.notAvailable ?? "not run") : {
      measured: `${rps(boardPage.requestsPerSecond)} = ${f(boardPage.percentOfCheapest, 0)} %`,
      floor: `${pages.cheapest.path} ${rps(pages.cheapest.requestsPerSecond)}`,
      met: boardPage.percentOfCheapest >= 50,
    }),
  });

  for (const [size, limit] of [[10000, 20], [100000, 150]]) {
    const run = results.search?.find((s) => s.size === size);
    const label = size.toLocaleString("en");
    if (!run || run.notAvailable) {
      const why = run?.notAvailable ?? (results.config.searchSizes.includes(size) ? "not run" : `not run in a ${results.mode} run`);
      goals.push({ goal: `search at ${label} share-backs, every query`, target: `p95 ≤ ${limit} ms`, ...unavailable(why) });
      goals.push({ goal: `search and archive pages at ${label}`, target: "≥ 50 % of the cheapest page's requests/s", ...unavailable(why) });
      continue;
    }
    const worst = run.queries.reduce((a, b) => ((b.http.p95Ms ?? Infinity) > (a.http.p95Ms ?? Infinity) ? b : a));
    const worstRaw = Math.max(...run.queries.map((q) => q.raw.p95Ms ?? 0));
    // A query answered with an error is not within its goal however fast the error came.
    const failed = run.queries.filter((q) => Object.keys(q.http.statuses).some((status) => Number(status) >= 500));
    const within = (q) => q.http.p95Ms != null && q.http.p95Ms <= limit && !failed.includes(q);
    goals.push({
      goal: `search at ${label} share-backs, every query`,
      target: `p95 ≤ ${limit} ms`,
      measured: `worst p95 ${ms(worst.http.p95Ms)} (${worst.name}); ${run.queries.filter(within).length} of ${run.queries.length} queries within`
        + (failed.length ? `; answered 500: ${failed.map((q) => q.name).join(", ")}` : ""),
      floor: `raw FTS5 worst p95 ${ms(worstRaw)}`,
      met: run.queries.every(within),
    });
    const rows = run.pages.rows.filter((r) => r.name === "archive" || r.name === "search ?q=prompt");
    goals.push({
      goal: `search and archive pages at ${label}`,
      target: "≥ 50 % of the cheapest page's requests/s",
      measured: rows.map((r) => `${r.name.split(" ")[0]} ${r.notAvailable ? r.notAvailable : `${rps(r.requestsPerSecond)} = ${f(r.percentOfCheapest, 0)} %`}`).join("; "),
      floor: `${run.pages.cheapest.path} ${rps(run.pages.cheapest.requestsPerSecond)}`,
      met: rows.length === 2 && rows.every((r) => r.percentOfCheapest >= 50),
    });
  }

  // "Has someone tried this already?": the related lookup beside the team and share-back forms, as a team types.
  {
    const run = results.search?.find((s) => s.size === 10000);
    const goal = "related share-backs while typing, at 10,000";
    if (!run || run.notAvailable || !run.related) {
      goals.push({ goal, target: "p95 < 100 ms", ...unavailable(run?.notAvailable ?? (run ? "not measured" : "not run")) });
    } else {
      const worst = run.related.reduce((a, b) => ((b.http.p95Ms ?? Infinity) > (a.http.p95Ms ?? Infinity) ? b : a));
      const failed = run.related.filter((r) => Object.keys(r.http.statuses).some((status) => Number(status) !== 200));
      goals.push({
        goal,
        target: "p95 < 100 ms",
        measured: `worst p95 ${ms(worst.http.p95Ms)} (${worst.name}); ${run.related.length} texts` + (failed.length ? `; not 200: ${failed.map((r) => r.name).join(", ")}` : ""),
        floor: `raw FTS5 statements worst p95 ${ms(Math.max(...run.related.map((r) => r.raw.p95Ms ?? 0)))}`,
        met: failed.length === 0 && run.related.every((r) => r.http.p95Ms != null && r.http.p95Ms < 100),
      });
    }
  }

  const empty = results.searchWithoutArchive;
  const withArchive = results.search?.find((s) => s.oddInputs)?.oddInputs;
  goals.push({
    goal: "search with no input, odd input, and no archive",
    target: "never a 500",
    ...(!empty || empty.notAvailable ? unavailable(empty?.notAvailable ?? "not run") : {
      measured: `${empty.serverErrors + (withArchive?.serverErrors ?? 0)} answers ≥ 500 of ${empty.answers.length + (withArchive?.answers.length ?? 0)}`,
      floor: "–",
      met: empty.serverErrors + (withArchive?.serverErrors ?? 0) === 0,
    }),
  });
  return goals;
}

function mdTable(header, rows) {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function details(results) {
  const sections = [];
  const board = results.board;
  if (board && !board.notAvailable) {
    const fan = (side) => (side ? [ms(side.medianMs), ms(side.p99Ms), ms(side.cpuMsPerPost), String(side.missedScreens), String(side.clients?.reloads ?? "–")] : ["–", "–", "–", "–", "–"]);
    const load = (x) => `${f(x.clientCores, 2)}, ${ms(x.clientDelayP99Ms)} / ${f(x.otherCores, 2)}`;
    const others = (r) => [r.app, r.bare].filter(Boolean).map(load).join(" · ");
    sections.push(["Fan-out: an edit of a share-back (ShareBackEdited, the card in the event) → applied on the last screen; "
      + `median over ${results.config.rounds} rounds of ${results.config.edits} edits`
      + (board.appNotAvailable ? `. The app: not available: ${board.appNotAvailable}` : ""),
    mdTable(["screens", "app median", "app p99", "app CPU/post", "app missed", "app gap fetches", "bare median", "bare p99", "bare CPU/post", "bare missed", "bare gap fetches", "clients: cores, loop delay p99 / others: cores"],
      (board.fanOut ?? []).map((r) => [r.screens.toLocaleString("en"), ...fan(r.app), ...fan(r.bare), others(r)]))]);
    const reaction = (name, r) => (r && !r.notAvailable
      ? [name, String(r.reactions), f(r.ratePerSecond), `${ms(r.answerMedianMs)} / ${ms(r.answerP99Ms)}`, ms(r.medianMs), ms(r.p99Ms), ms(r.maxMs), String(r.notSeenByAll), String(r.lostScreens + r.disconnectedScreens), r.exact ? "yes" : "no",
        `${f(r.serverCpuPercent, 0)} %`, String(r.clients?.reloads ?? "–"), load(r)]
      : [name, `not available: ${r?.notAvailable ?? board.appNotAvailable ?? "not run"}`, "", "", "", "", "", "", "", "", "", "", ""]);
    if (board.reactions) {
      sections.push([`Sustained reactions with ${results.config.reactionScreens} screens, to ${results.config.reactionTeams === 1 ? "the team on stage" : `${results.config.reactionTeams} teams in turn`}: POST → the last screen shows the counts it leads to (the app announces the first reaction to a team after a quiet spell at once and gathers the ones that follow for ${results.config.announceWindowMs} ms, Board:AnnounceWindowMilliseconds, into one update)`,
        mdTable(["server", "reactions", "sent/s", "POST answered median / p99", "visible median", "visible p99", "max", "not seen by all", "lost screens", "exact", "server CPU", "gap fetches", "clients: cores, loop delay p99 / others: cores"],
          [reaction("app", board.reactions.app), reaction("bare hub", board.reactions.bare)])]);
    }
    const memory = (name, m) => (m ? [name, `${m.rssBeforeKiB} KiB`, `${m.rssAfterKiB} KiB`, String(m.screens), kb(m.perScreenKiB)] : [name, "not available", "", "", ""]);
    sections.push(["Memory per idle, joined screen (RSS from /proc, settled)",
      mdTable(["server", "RSS before", "RSS after", "screens", "per screen"], [memory("app", board.app?.memory), memory("bare hub", board.bare?.memory)])]);
  }
  const pages = results.pages;
  const SIGNED_IN_NOTE = "Signed-in pages get a sign-in cookie issued just before each run, as a browser holds one (it keeps each cookie the app renews); wrk sends the same cookie for the whole run. Every request says `Accept-Encoding: gzip, deflate, br, zstd`, as Chromium does; the app compresses only the pages it stores for everyone of a kind (board, archive, search); the bytes column is the page uncompressed.";
  if (pages && !pages.notAvailable) {
    const rows = [...pages.rows, ...pages.candidates.map((c) => ({ ...c, candidate: true }))];
    sections.push([`Pages with wrk (2 threads, ${results.config.wrkConnections} connections, ${results.config.wrkSeconds} s each); the cheapest page is ${pages.cheapest.path}. ${SIGNED_IN_NOTE}`,
      mdTable(["page", "path", "req/s", "p50", "p99", "% of cheapest", "bytes", "note"], rows.map((r) => (r.notAvailable
        ? [r.name, `\`${r.path}\``, r.notAvailable, "", "", "", "", ""]
        : [r.candidate ? `${r.name} (candidate)` : r.name, `\`${r.path.replace(/calendar\/[^.]+/, "calendar/<token>")}\``, rps(r.requestsPerSecond), ms(r.latencyMs.p50), ms(r.latencyMs.p99),
          r.candidate ? `${f((100 * r.requestsPerSecond) / pages.cheapest.requestsPerSecond, 0)} %` : `${f(r.percentOfCheapest, 0)} %`, String(r.bytes),
          [r.html === false ? "not HTML" : "", r.note ?? ""].filter(Boolean).join("; ")])))]);
  }
  for (const run of results.search ?? []) {
    if (run.notAvailable) {
      sections.push([`Search at ${run.size.toLocaleString("en")} share-backs`, `not available: ${run.notAvailable}`]);
      continue;
    }
    sections.push([`Search at ${run.shareBacks.toLocaleString("en")} generated share-backs (generated in ${f(run.generationSeconds)} s): GET /search over HTTP next to the raw FTS5 query (bm25, snippet, LIMIT 10) on the file`,
      mdTable(["query", "typed", "http p50", "http p95", "n", "raw p50", "raw p95", "matches", "statuses"],
        run.queries.map((q) => [q.name, `\`${q.q}\``, ms(q.http.p50Ms), ms(q.http.p95Ms), String(q.http.n), ms(q.raw.p50Ms), ms(q.raw.p95Ms), String(q.raw.matches),
          Object.entries(q.http.statuses).map(([s, n]) => `${s}×${n}`).join(" ")]))]);
    if (run.related) {
      sections.push([`Related share-backs while typing at ${run.shareBacks.toLocaleString("en")} share-backs: GET /search/related over HTTP next to the app's two statements on the file (how many share-backs have each word; then any of the telling words, bm25, LIMIT 5)`,
        mdTable(["text", "typed", "words (telling)", "http p50", "http p95", "n", "raw p50", "raw p95", "matches", "statuses"],
          run.related.map((r) => [r.name, `\`${r.text.replaceAll("\n", " ⏎ ").slice(0, 60)}${r.text.length > 60 ? "…" : ""}\``, `${r.terms.length} (${r.raw.kept ?? "–"})`, ms(r.http.p50Ms), ms(r.http.p95Ms), String(r.http.n),
            ms(r.raw.p50Ms), ms(r.raw.p95Ms), String(r.raw.matches), Object.entries(r.http.statuses).map(([s, n]) => `${s}×${n}`).join(" ")]))]);
    }
    sections.push([`Archive and search pages with wrk at ${run.shareBacks.toLocaleString("en")} share-backs (cheapest page ${run.pages.cheapest.path}: ${rps(run.pages.cheapest.requestsPerSecond)})`,
      mdTable(["page", "req/s", "p50", "p99", "% of cheapest", "errors", "note"], run.pages.rows.map((r) => (r.notAvailable
        ? [r.name, r.notAvailable, "", "", "", "", ""]
        : [r.name, rps(r.requestsPerSecond), ms(r.latencyMs.p50), ms(r.latencyMs.p99), `${f(r.percentOfCheapest, 0)} %`, String(r.errors), r.note ?? ""])))]);
  }
  const startup = results.startup;
  if (startup) {
    sections.push(["Start-up: process start → first 200 from /healthz, existing database",
      startup.notAvailable ? `not available: ${startup.notAvailable}` : `median ${ms(startup.medianMs)} over ${startup.runsMs.length} runs (${startup.runsMs.map((r) => f(r, 0)).join(", ")} ms)`]);
  }
  return sections;
}

function machineLine(results) {
  const m = results.machine;
  return `${results.mode} run, ${results.startedAt.slice(0, 16).replace("T", " ")} UTC, ${results.durationSeconds} s; ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, `
    + `.NET SDK ${m.dotnet}, Node ${m.node}, commit ${m.commit}; load average ${m.loadAverageAtStart.join(" ")} at the start, ${m.loadAverageAtEnd?.join(" ")} at the end`;
}

export function markdown(results) {
  const goals = mdTable(["goal", "target", "measured", "floor (same run)", "met"], results.goals.map((g) => [g.goal, g.target, g.measured, g.floor, yesNo(g.met)]));
  const parts = ["# PlayDay bench: latest results", "", machineLine(results), "", "## Goals", "", goals, ""];
  for (const [title, body] of details(results)) parts.push(`## ${title}`, "", body, "");
  for (const note of results.notes ?? []) parts.push(`- ${note}`);
  return parts.join("\n") + "\n";
}

/** The terminal's table: the goals, then the details, as plain columns. */
export function table(results) {
  const plain = (s) => String(s).replaceAll("**", "");
  const rows = results.goals.map((g) => [g.goal, g.target, g.measured, g.floor, plain(yesNo(g.met))]);
  const header = ["goal", "target", "measured", "floor (same run)", "met"];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  const out = [machineLine(results), "", line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ""];
  for (const [title, body] of details(results)) out.push(title, body.replaceAll("**", ""), "");
  return out.join("\n");
}
