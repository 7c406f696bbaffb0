// Writes bench data straight into a copy of the app's SQLite file (the app is stopped): the 40
// share-backs of the board under test, and the generated archives of 10,000 and 100,000
// share-backs for search. The schema comes from the app's migrations (the file has been opened by
// the app once); the FTS5 index "ShareBackSearch" follows through the migrations' triggers.
// Everything is generated from a seed, so every run writes the same rows.
import Database from "better-sqlite3";
import { seeded } from "./stats.mjs";

// The query terms the search measure looks for are planted at known rates.
export const PLANTED = {
  common: { word: "prompt", rate: 0.6 },
  rare: { word: "flamegraph", rate: 0.0005 },
  phrase: { words: "release notes", rate: 0.03 },
  pair: [{ word: "handover", rate: 0.1 }, { word: "shadowing", rate: 0.1 }],
  excluded: "excel",
  tag: "copilot",
};

const TOOLS = ["chatgpt", "copilot", "claude", "gemini", "excel", "github", "notion", "teams", "outlook", "jira", "confluence",
  "figma", "slack", "sql", "python", "powerbi", "zapier", "perplexity", "midjourney", "whisper", "cursor", "llama", "mistral",
  "sharepoint", "salesforce", "tableau", "vscode", "xunit", "pdf", "miro", "loom", "grammarly", "deepl", "otter", "canva",
  "github-actions", "n8n", "airtable", "looker", "dbt"];

const CONTENT = `model assistant draft summary report customer ticket email meeting notes code review test spreadsheet
formula query dashboard policy document template agent workflow invoice contract slide deck onboarding backlog sprint
release changelog incident postmortem runbook translation transcript interview survey forecast budget pipeline schema
migration refactor bug regression deploy review checklist handbook wiki article newsletter campaign lead pricing quote
proposal roadmap estimate hiring candidate feedback retro standup agenda minutes action owner deadline vendor audit
compliance privacy security risk approval request form export import cleanup duplicate column row chart pivot lookup
rewrite tone style glossary terminology accuracy hallucination citation source quote page answer question context window
token cost latency speed quality consistency format markdown table bullet outline structure section heading paragraph
sentence word example sample dataset label category tag search filter sort merge split batch schedule reminder calendar
task ticket queue triage priority escalation support chat bot knowledge base article faq script macro automation plugin
integration api endpoint webhook log alert metric trace error exception stack timeout retry cache index performance memory
design mockup wireframe prototype persona journey accessibility contrast layout component library framework language
python javascript typescript csharp java kotlin swift golang rust sql regex shell terminal notebook cell chart graph
diagram architecture decision record proposal memo brief plan goal objective result metric baseline target improvement`
  .split(/\s+/).filter(Boolean);

const FUNCTION = "the a an and or but to of in on for with by from at as is was were it this that we our they their it's not".split(" ");
const VERBS = "tried asked used gave wrote checked compared rewrote summarised generated drafted cleaned tested reviewed fixed found missed invented saved lost broke helped".split(" ");
const ADJECTIVES = ["Prompt", "Sheet", "Query", "Minute", "Inbox", "Release", "Review", "Test", "Policy", "Data", "Agent", "Copy",
  "Slide", "Ticket", "Bug", "Budget", "Legal", "Design", "Ops", "Support"];
const NOUNS = ["Pirates", "Happens", "Crafters", "Takers", "Zero", "Crew", "Buddies", "Pilots", "Readers", "Wranglers", "Whisperers",
  "Squad", "Guild", "Gang", "Lab", "Makers", "Hunters", "Riders", "Nerds", "Owls"];
const PEOPLE = ["Ada Park", "Ben Ortiz", "Chloe Novak", "Dev Shah", "Elif Kaya", "Femi Ade", "Gus Berg", "Hana Ito", "Ivan Petrov",
  "Jo Kim", "Kai Lund", "Lena Roth", "Mo Said", "Nia Cole", "Omar Haddad", "Pia Lind", "Quinn Ray", "Rosa Diaz", "Sven Ek", "Tara Moss"];

/** Picks an index with a Zipf-like skew (the first items far more often than the last). */
const zipf = (rng, n) => Math.min(n - 1, Math.floor(Math.exp(rng.next() * Math.log(n + 1))) - 1);

function sentence(rng, plants) {
  const words = [];
  const length = 8 + rng.int(14);
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    if (r < 0.4) words.push(rng.pick(FUNCTION));
    else if (r < 0.5) words.push(rng.pick(VERBS));
    else words.push(CONTENT[zipf(rng, CONTENT.length)]);
  }
  if (plants.length) words.splice(rng.int(words.length), 0, plants.shift());
  const text = words.join(" ");
  return text[0].toUpperCase() + text.slice(1) + ".";
}

function paragraph(rng, plants, sentences) {
  return Array.from({ length: sentences }, () => sentence(rng, plants)).join(" ");
}

/** One share-back: title, tags (comma-separated, as stored) and a Markdown body like the template's. */
export function shareBackText(rng) {
  const plants = [];
  const chance = (rate) => rng.next() < rate;
  if (chance(PLANTED.common.rate)) plants.push(rng.pick(["prompt", "prompts", "prompting"]));
  if (chance(PLANTED.rare.rate)) plants.push(PLANTED.rare.word);
  if (chance(PLANTED.phrase.rate)) plants.push(PLANTED.phrase.words);
  for (const { word, rate } of PLANTED.pair) if (chance(rate)) plants.push(word);
  const tags = [];
  for (let n = 1 + rng.int(4); tags.length < n;) {
    const tag = TOOLS[zipf(rng, TOOLS.length)];
    if (!tags.includes(tag)) tags.push(tag);
  }
  const title = sentence(rng, plants.length && chance(0.3) ? [plants.shift()] : []).slice(0, 100).replace(/\.$/, "");
  const size = 1 + rng.int(4);
  const before = 10 + rng.int(170);
  const body = [
    "## What we tried", paragraph(rng, plants, size),
    "## What worked", paragraph(rng, plants, size),
    "## What broke or almost worked", paragraph(rng, plants, 1 + rng.int(3)),
    "## Before → after", `| | before | after |\n|---|---|---|\n| time it takes | ${before} min | ${Math.max(2, before >> (1 + rng.int(3)))} min |`,
    "## Try it yourself", `1. ${sentence(rng, plants)}\n2. ${sentence(rng, plants)}\n3. ${sentence(rng, plants)}`,
  ].join("\n\n");
  return { title, tags: tags.join(","), body };
}

const pad = (n, w = 2) => String(n).padStart(w, "0");
const sqlTime = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const sqlDate = (d) => sqlTime(d).slice(0, 10);
const guid = (rng) => {
  const hex = Array.from({ length: 32 }, () => "0123456789ABCDEF"[rng.int(16)]).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * An INSERT for `table` with the given columns; NOT NULL columns without a default that the bench
 * does not know (added by a later migration) get an empty value of their type.
 */
function inserter(db, table, known) {
  const columns = db.prepare(`PRAGMA table_info("${table}")`).all();
  const filled = columns.filter((c) => c.notnull && c.dflt_value === null && !c.pk && !known.includes(c.name));
  const names = [...known, ...filled.map((c) => c.name)];
  const extra = filled.map((c) => (/INT|REAL|NUM/i.test(c.type) ? 0 : ""));
  const statement = db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`);
  return (...values) => statement.run(...values, ...extra).lastInsertRowid;
}

const insertTeam = (db) => inserter(db, "Teams", ["PlayDayId", "Name", "Plan", "Ask", "QueueBand", "QueueOrder", "Skipped", "CreatedAtUtc", "CreatedBy"]);
const insertShareBack = (db) => inserter(db, "ShareBacks", ["PlayDayId", "TeamId", "Title", "Tags", "Body", "PostedAtUtc", "PostedBy", "IdempotencyKey", "TeamMembers", "Version"]);

/**
 * Fills the next play day's board (the demo's upcoming one) to `count` teams, each with a posted
 * share-back. Returns the board, its teams and the share-backs' text (the bare hub gets the same).
 */
export function seedBoard(file, { count = 40, seed = 40 } = {}) {
  const rng = seeded(seed);
  const db = new Database(file);
  try {
    const playDay = db.prepare(`SELECT "Id", "StartsAtUtc" FROM "PlayDays" ORDER BY "StartsAtUtc" DESC LIMIT 1`).get();
    const team = insertTeam(db);
    const shareBack = insertShareBack(db);
    const cards = [];
    db.transaction(() => {
      const existing = db.prepare(`SELECT "Id", "Name" FROM "Teams" WHERE "PlayDayId" = ? ORDER BY "Id"`).all(playDay.Id);
      for (let i = existing.length; i < count; i++) {
        const name = `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i * 7) % NOUNS.length]} ${i + 1}`;
        const id = team(playDay.Id, name, "Try it on real work.", 0, 1, 100 + i, 0, playDay.StartsAtUtc, PEOPLE[i % PEOPLE.length]);
        existing.push({ Id: Number(id), Name: name });
      }
      const posted = new Set(db.prepare(`SELECT "TeamId" FROM "ShareBacks" WHERE "PlayDayId" = ?`).all(playDay.Id).map((r) => r.TeamId));
      for (const t of existing) {
        const text = shareBackText(rng);
        if (!posted.has(t.Id)) {
          shareBack(playDay.Id, t.Id, text.title, text.tags, text.body, playDay.StartsAtUtc, PEOPLE[t.Id % PEOPLE.length], guid(rng), PEOPLE[t.Id % PEOPLE.length], 1);
        }
        cards.push({ teamId: t.Id, teamName: t.Name, ...text });
      }
    })();
    return { playDayId: playDay.Id, cards };
  } finally {
    db.close();
  }
}

/**
 * Adds `count` generated share-backs to the archive: play days across 40 quarters (more play days
 * a quarter for a bigger archive, 250 teams each), one share-back per team. One transaction,
 * prepared statements; returns how long it took.
 */
export function generateArchive(file, { count, seed = 12 }) {
  const rng = seeded(seed);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // A scratch copy: no fsync, and room for FTS5 to build its segments in memory.
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const started = Date.now();
  try {
    const perPlayDay = 250;
    const playDays = Math.ceil(count / perPlayDay);
    const quarters = 40;
    const insertPlayDay = inserter(db, "PlayDays", ["Title", "Brief", "Date", "StartTime", "EndTime", "TimeZoneId", "StartsAtUtc", "EndsAtUtc",
      "ShareBackMinutes", "CreatedAtUtc", "CreatedBy", "CalendarUid", "Sequence", "Version"]);
    const team = insertTeam(db);
    const shareBack = insertShareBack(db);
    db.transaction(() => {
      let made = 0;
      for (let p = 0; p < playDays; p++) {
        const quarter = p % quarters;
        const start = new Date(Date.UTC(2016 + (quarter >> 2), (quarter % 4) * 3 + 1, 10 + (p / quarters | 0) % 18, 12));
        const end = new Date(start.getTime() + 4 * 3600_000);
        const id = insertPlayDay(`AI Play Day ${start.getUTCFullYear()} Q${(quarter % 4) + 1} · group ${(p / quarters | 0) + 1}`, "Generated by the bench.",
          sqlDate(start), "13:00:00", "17:00:00", "Europe/Berlin", sqlTime(start), sqlTime(end), 5, sqlTime(start), "Bench", guid(rng), 0, 1);
        for (let t = 0; t < perPlayDay && made < count; t++, made++) {
          const name = `${ADJECTIVES[rng.int(ADJECTIVES.length)]} ${NOUNS[rng.int(NOUNS.length)]} ${t + 1}`;
          const teamId = team(id, name, "", 0, 1, t, 0, sqlTime(start), PEOPLE[rng.int(PEOPLE.length)]);
          const text = shareBackText(rng);
          const members = [PEOPLE[rng.int(PEOPLE.length)], PEOPLE[rng.int(PEOPLE.length)]].join("\n");
          shareBack(id, teamId, text.title, text.tags, text.body, sqlTime(new Date(end.getTime() - rng.int(3600) * 1000)), members.split("\n")[0], guid(rng), members, 1);
        }
      }
    })();
    const rows = db.prepare(`SELECT count(*) AS n FROM "ShareBacks"`).get().n;
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { shareBacks: rows, playDays, seconds: (Date.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
