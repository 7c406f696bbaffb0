// One board screen, doing what the board page's script (src/PlayDay.Web/wwwroot/js/board.js)
// does: connect straight over WebSockets (no negotiation) to the hub at the page's data-hub-path
// with the browser's cookie and the site's Origin, JoinBoard, keep a model of the board from the
// numbered events, and fetch the whole board (the page's data-state-url, GET .../board/state) once
// when a gap stays open or when JoinBoard (after a start or a reconnect) says the board moved on.
// This is the only place that knows the board's protocol; every board measure goes through it.
//
// The protocol (the board whose events carry what changed):
//   JoinBoard(playDayId) -> the board's current sequence number
//   ShareBackPosted / ShareBackEdited { sequence, playDayId, card: { id, teamId, ..., html, version, counts } }
//   ShareBackDeleted { sequence, playDayId, shareBackId }
//   ReactionsChanged { sequence, playDayId, teamId, counts }      (absolute counts, coalesced per team)
//   SessionChanged / QueueChanged { sequence, playDayId, session, queue }
//   QuestionsChanged { sequence, playDayId, teamId, questions }
//   YourReactionsChanged { playDayId, teamId, mine }                (this person's screens only; no sequence)
//   GET /state { sequence, shareBacks: [card], reactions: { teamId: counts }, questions, session, queue, me }
// Every event waits in `pending` until the ones before it are applied; a gap still open after
// GAP_MS fetches the whole board, one fetch at a time.
import signalR from "@microsoft/signalr";
import { now } from "./stats.mjs";

export const GAP_MS = 1000;
export const REACTION_KINDS = ["WouldUse", "TryThisWeek", "TriedAlready", "GreatFailure"];
const SEQUENCED = ["ShareBackPosted", "ShareBackEdited", "ShareBackDeleted", "ReactionsChanged", "SessionChanged", "QueueChanged", "QuestionsChanged"];

/** The board's model from GET /state: sequence, cards by id, reaction counts by team. */
export function modelFromState(state) {
  const cards = new Map();
  const counts = new Map();
  for (const card of state.shareBacks ?? []) {
    cards.set(card.id, card);
    if (card.counts) counts.set(card.teamId, card.counts);
  }
  // Teams without a share-back can be reacted to as well: every team's counts come beside the cards.
  for (const [teamId, c] of Object.entries(state.reactions ?? {})) counts.set(Number(teamId), c);
  return {
    sequence: Number(state.sequence ?? 0),
    cards,
    counts,
    session: state.session ?? null,
    queue: state.queue ?? [],
    questions: new Map(Object.entries(state.questions ?? {}).map(([k, v]) => [Number(k), v])),
    mine: new Map(Object.entries(state.me?.reactions ?? {}).map(([k, v]) => [Number(k), v])),
  };
}

/** A model sharing the snapshot's (immutable) cards: screens of one person start from one fetch. */
export const copyModel = (model) => ({
  ...model,
  cards: new Map(model.cards),
  counts: new Map(model.counts),
  questions: new Map(model.questions),
  mine: new Map(model.mine),
});

/** The page's waits between attempts: growing and jittered, so screens that lost the server together do not return together. */
const backoff = (attempt) => Math.min(30000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());

export const countsVector = (counts) => REACTION_KINDS.map((k) => Number(counts?.[k] ?? 0));

export class BoardScreen {
  /**
   * @param options.base the site, e.g. http://127.0.0.1:5080
   * @param options.hubPath the page's data-hub-path
   * @param options.stateUrl the page's data-state-url (default /playdays/{id}/board/state)
   * @param options.playDayId the board
   * @param options.cookie the browser's Cookie header (signed in)
   * @param options.snapshot a model the page was rendered with (else the first join fetches /state)
   * @param options.onApplied (screen, name, event, at, previous) after each applied event
   * @param options.onReloaded (screen, previousModel, at) after each whole-board fetch
   */
  constructor({ base, hubPath, stateUrl, playDayId, cookie, snapshot, onApplied = () => {}, onReloaded = () => {} }) {
    this.base = base;
    this.playDayId = playDayId;
    this.stateUrl = new URL(stateUrl ?? `/playdays/${playDayId}/board/state`, base).href;
    this.cookie = cookie;
    this.origin = new URL(base).origin;
    this.model = snapshot ? copyModel(snapshot) : null;
    this.onApplied = onApplied;
    this.onReloaded = onReloaded;
    this.pending = new Map();
    this.gapTimer = null;
    this.loading = null;
    this.stopped = false;
    this.stats = { applied: 0, buffered: 0, reloads: 0, reconnects: 0, closes: 0, errors: 0 };
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(new URL(hubPath, base).href, {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        headers: { Cookie: cookie, Origin: this.origin },
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    for (const name of SEQUENCED) this.connection.on(name, (e) => this.receive(name, e));
    this.connection.on("YourReactionsChanged", (e) => {
      if (e.playDayId === this.playDayId && this.model) this.model.mine.set(e.teamId, e.mine);
    });
    this.connection.onreconnecting(() => { this.stats.reconnects++; });
    this.connection.onreconnected(() => this.join().catch(() => { this.stats.errors++; }));
    this.connection.onclose(() => {
      if (this.stopped) return;
      this.stats.closes++;
      setTimeout(() => this.restart(), backoff(3));
    });
  }

  /** Connects and joins; the first attempt's failure is the caller's (the bench counts it). */
  async start() {
    if (this.stopped) return;
    await this.connection.start();
    await this.join();
  }

  /** As the page: after a close, keep trying with growing, jittered waits. */
  async restart(attempt = 0) {
    try {
      await this.start();
    } catch {
      this.stats.errors++;
      if (!this.stopped) setTimeout(() => this.restart(attempt + 1), backoff(attempt));
    }
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.gapTimer);
    await this.connection.stop();
  }

  get connected() {
    return this.connection.state === signalR.HubConnectionState.Connected;
  }

  /** Joins the board; fetches the whole board when it moved on since the model, or when events wait. */
  async join() {
    const current = await this.connection.invoke("JoinBoard", this.playDayId);
    if (!this.model || Number(current) !== this.model.sequence || this.pending.size > 0) await this.reload();
  }

  receive(name, e) {
    if (e.playDayId !== this.playDayId) return;
    if (this.model && e.sequence <= this.model.sequence) return;
    this.pending.set(e.sequence, [name, e]);
    if (this.loading || !this.model) return;
    this.drain();
    if (this.pending.size > 0) this.stats.buffered++;
  }

  armGapTimer() {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.pending.size > 0) this.reload().catch(() => { this.stats.errors++; });
    }, GAP_MS);
  }

  /** Applies buffered events that now follow on; forgets the ones already covered. */
  drain() {
    for (let next = this.pending.get(this.model.sequence + 1); next; next = this.pending.get(this.model.sequence + 1)) {
      this.pending.delete(this.model.sequence + 1);
      this.apply(...next);
    }
    for (const sequence of this.pending.keys()) if (sequence <= this.model.sequence) this.pending.delete(sequence);
    if (this.pending.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else {
      this.armGapTimer();
    }
  }

  apply(name, e) {
    const model = this.model;
    let previous = null;
    switch (name) {
      case "ShareBackPosted":
      case "ShareBackEdited":
        previous = model.cards.get(e.card.id) ?? null;
        model.cards.set(e.card.id, e.card);
        if (e.card.counts) model.counts.set(e.card.teamId, e.card.counts);
        break;
      case "ShareBackDeleted":
        previous = model.cards.get(e.shareBackId) ?? null;
        model.cards.delete(e.shareBackId);
        break;
      case "ReactionsChanged":
        previous = model.counts.get(e.teamId) ?? null;
        model.counts.set(e.teamId, e.counts);
        break;
      case "SessionChanged":
      case "QueueChanged":
        if (e.session !== undefined) model.session = e.session;
        if (e.queue !== undefined) model.queue = e.queue;
        break;
      case "QuestionsChanged":
        model.questions.set(e.teamId, e.questions);
        break;
      default:
        return;
    }
    model.sequence = e.sequence;
    this.stats.applied++;
    this.onApplied(this, name, e, now(), previous);
  }

  /** Fetches the whole board once (concurrent callers share the fetch), then applies what waited. */
  reload() {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      this.stats.reloads++;
      const response = await fetch(this.stateUrl, { headers: { Cookie: this.cookie, Accept: "application/json" } });
      if (!response.ok) throw new Error(`GET ${this.stateUrl} answered ${response.status}`);
      const previous = this.model;
      const model = modelFromState(await response.json());
      // As the page: never step back to an older board than the one shown.
      if (previous && previous.sequence > model.sequence) model.sequence = previous.sequence;
      this.model = model;
      this.onReloaded(this, previous, now());
    })().finally(() => {
      this.loading = null;
      if (this.model) this.drain();
    });
    return this.loading;
  }
}
