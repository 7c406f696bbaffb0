// The live board and its projector view. The server paints the page; afterwards every hub event
// carries what changed (a card with its rendered Markdown, a team's counts, the lineup), numbered,
// and this script applies it in order. Events that arrive early wait briefly for the ones before
// them; a gap that stays open, or a reconnect, reloads the whole board once (one reload at a time).
// Writes are ordinary POSTs with the antiforgery token. URLs come from data- attributes.
(() => {
  const root = document.querySelector("[data-board]");
  if (!root) return;
  const projector = root.dataset.view === "projector";
  const playDayId = Number(root.dataset.playdayId);
  const me = JSON.parse(root.dataset.me);
  const placeholder = root.dataset.placeholder;
  const connectionStatus = root.querySelector("[data-connection]");
  const announcer = document.getElementById("board-announcer");

  let sequence = me.sequence;
  let session = me.session;
  let queue = me.queue;
  const counts = new Map(Object.entries(me.counts ?? {}).map(([team, c]) => [Number(team), c]));
  const mine = new Map(Object.entries(me.reactions ?? {}).map(([team, kinds]) => [Number(team), new Set(kinds)]));
  const votes = new Set(me.votes ?? []);
  const questions = new Map(Object.entries(me.questions ?? {}).map(([team, list]) => [Number(team), list]));
  const cards = new Map((me.cards ?? []).map((card) => [card.teamId, card]));
  const flag = (name) => root.dataset[name] === "true";

  const url = (name, id) => root.dataset[name].replace(placeholder, String(id));
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";
  const template = (name) => root.querySelector(`template[data-template="${name}"]`).content.firstElementChild.cloneNode(true);
  const field = (element, name) => element.querySelector(`[data-field="${name}"]`);
  const localize = (element) => window.PlayDay?.localTimes(element);

  function setTime(element, iso) {
    if (!element) return;
    element.setAttribute("datetime", iso ?? "");
    element.textContent = iso ? new Date(iso).toISOString().slice(11, 16) + " UTC" : "";
  }

  // ---- Applying events, in order --------------------------------------------------------------

  const pending = new Map();
  let gapTimer = null;
  let reloading = null;

  function receive(type, event) {
    if (event.playDayId !== playDayId || event.sequence <= sequence) return;
    pending.set(event.sequence, [type, event]);
    drain();
    if (pending.size > 0 && !gapTimer) {
      // Something before it is still on its way; give it a moment, then fetch the whole board once.
      gapTimer = setTimeout(() => {
        gapTimer = null;
        if (pending.size > 0) reload();
      }, 1000);
    }
  }

  function drain() {
    while (pending.has(sequence + 1)) {
      const [type, event] = pending.get(sequence + 1);
      pending.delete(sequence + 1);
      sequence = event.sequence;
      apply(type, event);
    }
    if (pending.size === 0 && gapTimer) {
      clearTimeout(gapTimer);
      gapTimer = null;
    }
  }

  function reload() {
    reloading ??= (async () => {
      try {
        const response = await fetch(root.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const state = await response.json();
        renderAll(state);
        sequence = Math.max(sequence, state.sequence);
        for (const key of [...pending.keys()]) if (key <= sequence) pending.delete(key);
        drain();
      } catch {
        // The connection's own retry brings the next attempt.
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  }

  function apply(type, e) {
    switch (type) {
      case "ShareBackPosted":
      case "ShareBackEdited":
        counts.set(e.card.teamId, e.card.counts);
        cards.set(e.card.teamId, e.card);
        upsertCard(e.card, type === "ShareBackPosted");
        break;
      case "ShareBackDeleted":
        for (const [team, card] of cards) if (card.id === e.shareBackId) cards.delete(team);
        removeCard(e.shareBackId);
        break;
      case "ReactionsChanged":
        counts.set(e.teamId, e.counts);
        showCounts(e.teamId, true);
        break;
      case "SessionChanged":
      case "QueueChanged":
        lineup(e.session, e.queue);
        break;
      case "QuestionsChanged":
        questions.set(e.teamId, e.questions);
        if (session?.currentTeamId === e.teamId) renderQuestions();
        renderShownQuestion();
        break;
    }
    if (projector) renderProjectorCard();
  }

  function renderAll(state) {
    counts.clear();
    for (const [team, c] of Object.entries(state.reactions)) counts.set(Number(team), c);
    mine.clear();
    for (const [team, kinds] of Object.entries(state.me.reactions)) mine.set(Number(team), new Set(kinds));
    votes.clear();
    for (const id of state.me.votes) votes.add(id);
    questions.clear();
    for (const [team, list] of Object.entries(state.questions)) questions.set(Number(team), list);
    cards.clear();
    for (const card of state.shareBacks) cards.set(card.teamId, card);
    if (!projector) {
      const shown = new Set(state.shareBacks.map((card) => card.id));
      for (const article of root.querySelectorAll("[data-sharebacks] [data-shareback-id]")) {
        if (!shown.has(Number(article.dataset.sharebackId))) article.closest("li").remove();
      }
      for (const card of [...state.shareBacks].reverse()) upsertCard(card, true);
    }
    lineup(state.session, state.queue);
    for (const team of counts.keys()) showCounts(team, false);
    renderProjectorCard();
  }

  // ---- Share-back cards ------------------------------------------------------------------------

  function upsertCard(card, isNew) {
    if (projector) return;
    const list = root.querySelector("[data-sharebacks]");
    let article = list.querySelector(`[data-shareback-id="${card.id}"]`);
    if (!article) {
      const item = template("card");
      article = item.querySelector("[data-shareback-id]");
      list.prepend(item);
    } else if (isNew) {
      list.prepend(article.closest("li"));
    }
    article.id = `shareback-${card.id}`;
    article.dataset.sharebackId = card.id;
    article.dataset.teamId = card.teamId;
    article.dataset.version = card.version;
    field(article, "title").textContent = card.title;
    field(article, "teamName").textContent = card.teamName;
    setTime(field(article, "postedAt"), card.postedAtUtc);
    const edited = article.querySelector("[data-edited]");
    edited.hidden = !card.editedAtUtc;
    field(article, "editedBy").textContent = card.editedBy ?? "";
    setTime(field(article, "editedAt"), card.editedAtUtc);
    field(article, "permalink").href = root.dataset.permalinkUrl.replace(placeholder, String(card.id));
    const tags = field(article, "tags");
    tags.replaceChildren(...card.tags.map((tag) => Object.assign(document.createElement("li"), { className: "tag", textContent: tag })));
    tags.hidden = card.tags.length === 0;
    // Rendered (and made safe) once on the server by the Markdown renderer.
    field(article, "html").querySelector(".markdown").innerHTML = card.html;
    showDiscovery(article, card.discovery);
    const reactions = article.querySelector("[data-reactions-for]");
    reactions.dataset.reactionsFor = card.teamId;
    reactions.setAttribute("aria-label", `Reactions to ${card.title}`);
    showCounts(card.teamId, false);
    localize(article);
    countCards();
  }

  // What became of the discovery: outcome, figures (as the team reported them), other teams using it.
  function showDiscovery(article, discovery) {
    const box = article.querySelector("[data-discovery]");
    if (!box || !discovery) return;
    const outcome = field(box, "outcome");
    outcome.textContent = discovery.outcomeLabel;
    outcome.dataset.outcome = discovery.outcome;
    const summary = discovery.figures?.summary ?? null;
    box.querySelector("[data-figures]").hidden = summary === null;
    field(box, "figures").textContent = summary ?? "";
    const usedBy = discovery.usedBy ?? [];
    box.querySelector("[data-spreading]").hidden = usedBy.length === 0;
    field(box, "usedByCount").textContent = String(usedBy.length);
    field(box, "usedByNoun").textContent = usedBy.length === 1 ? "team" : "teams";
    field(box, "usedBy").textContent = usedBy.join(", ");
    box.hidden = discovery.outcome === "Shared" && summary === null && usedBy.length === 0;
  }

  function removeCard(id) {
    root.querySelector(`[data-sharebacks] [data-shareback-id="${id}"]`)?.closest("li").remove();
    countCards();
  }

  function countCards() {
    const number = root.querySelectorAll("[data-sharebacks] [data-shareback-id]").length;
    const counter = root.querySelector("[data-shareback-count]");
    if (counter) counter.textContent = number;
    const none = root.querySelector("[data-no-sharebacks]");
    if (none) none.hidden = number > 0;
  }

  // ---- Reactions -------------------------------------------------------------------------------

  function showCounts(teamId, landed) {
    const teamCounts = counts.get(teamId);
    for (const group of root.querySelectorAll(`[data-reactions-for="${teamId}"]`)) {
      for (const counter of group.querySelectorAll("[data-count]")) {
        const value = String(teamCounts?.[counter.dataset.count] ?? 0);
        if (counter.textContent !== value) {
          counter.textContent = value;
          if (landed) {
            counter.classList.remove("landed");
            void counter.offsetWidth; // restart the animation
            counter.classList.add("landed");
          }
        }
      }
      const kinds = mine.get(teamId) ?? new Set();
      for (const button of group.querySelectorAll("[data-reaction]")) {
        const pressed = kinds.has(button.dataset.reaction);
        button.setAttribute("aria-pressed", String(pressed));
        button.classList.toggle("mine", pressed);
      }
    }
  }

  // ---- The session and the queue ---------------------------------------------------------------

  let announcedPresenter = null;

  function lineup(newSession, newQueue) {
    session = newSession;
    queue = newQueue;
    renderSession();
    if (!projector) renderQueue();
    if (session.currentTeamName && announcedPresenter !== session.currentTeamId) {
      announcedPresenter = session.currentTeamId;
      if (announcer) announcer.textContent = `Now presenting: ${session.currentTeamName}.`;
    }
  }

  function renderSession() {
    const panel = root.querySelector("[data-session]");
    if (!panel || !session) return;
    const current = session.currentTeamId;
    const presenter = panel.querySelector("[data-presenter]");
    presenter.textContent = current ? session.currentTeamName
      : !session.started ? (projector ? "Share-backs start soon" : "The share-backs have not started yet.")
      : session.finished ? "That's everyone!"
      : projector && session.nextTeamName ? `Next up: ${session.nextTeamName}` : "Between presenters.";
    presenter.classList.toggle("idle", !current);
    const entry = queue?.find((team) => team.id === current);
    const plan = panel.querySelector("[data-presenter-plan]");
    if (plan) {
      plan.textContent = entry?.plan ?? "";
      plan.hidden = !entry?.plan;
    }
    const label = panel.querySelector("[data-presenting-label]");
    if (label) label.hidden = !current;
    const timer = panel.querySelector("[data-timer]");
    timer.hidden = !current;
    timer.dataset.endsAt = session.endsAtUtc ?? "";
    timer.dataset.serverNow = session.serverNowUtc;
    timer.dataset.pausedMs = session.paused ? String(session.remainingMs ?? 0) : "";
    timer.dataset.slot = `${current}-${session.endsAtUtc}`;
    delete timer.dataset.offset;
    timer.classList.toggle("paused", session.paused);
    const paused = panel.querySelector("[data-paused]");
    if (paused) paused.hidden = !(current && session.paused);
    const next = panel.querySelector("[data-next-up]");
    if (next) {
      next.hidden = !session.nextTeamName || (projector && !current);
      next.querySelector("[data-next-name]").textContent = session.nextTeamName ?? "";
    }
    const finished = panel.querySelector("[data-finished]");
    if (finished) finished.hidden = !session.finished;
    const presenting = panel.querySelector("[data-presenting]");
    if (presenting) presenting.hidden = !current;
    const presenterName = panel.querySelector("[data-presenter-name]");
    if (presenterName) presenterName.textContent = session.currentTeamName ?? "";
    const reactions = panel.querySelector("[data-reactions-for]");
    if (reactions) {
      reactions.dataset.reactionsFor = current ?? "";
      reactions.hidden = !current;
      if (current) showCounts(current, false);
    }
    renderQuestions();
    renderShownQuestion();
    renderControls();
    tick();
  }

  function renderControls() {
    const controls = root.querySelector("[data-session] .controls");
    if (!controls) return;
    const current = session.currentTeamId;
    const show = (action, visible, enabled = true) => {
      const button = controls.querySelector(`[data-control="${action}"]`);
      button.hidden = !visible;
      button.disabled = !enabled;
    };
    show("Start", !session.started, Boolean(session.nextTeamId));
    show("Next", session.started, Boolean(session.nextTeamId));
    controls.querySelector('[data-control="Start"]').textContent = `Start the share-backs${session.nextTeamName ? `: call ${session.nextTeamName}` : ""}`;
    controls.querySelector("[data-next-label]").textContent = session.nextTeamName ? `: ${session.nextTeamName}` : "";
    show("Pause", Boolean(current) && !session.paused);
    show("Resume", Boolean(current) && session.paused);
    show("Extend", Boolean(current));
    show("End", Boolean(current));
  }

  function renderQueue() {
    const list = root.querySelector("[data-queue]");
    if (!list || !queue) return;
    const waiting = queue.filter((team) => !team.presented && !team.presenting).map((team) => team.id);
    const focused = document.activeElement?.closest("[data-queue] [data-team-id]");
    const focusAction = focused ? [focused.dataset.teamId, document.activeElement.dataset.queueAction] : null;
    list.replaceChildren(...queue.map((team) => {
      const item = template("queue-item");
      const status = team.presenting ? "Presenting now" : team.presented ? "Presented" : team.skipped ? "Skipped" : "Waiting";
      item.className = `queue-item status-${status.replace(" ", "-").toLowerCase()}`;
      item.dataset.teamId = team.id;
      field(item, "name").textContent = team.name;
      field(item, "status").textContent = status;
      field(item, "ask").textContent = team.ask === "Early" ? " · asked early" : team.ask === "Late" ? " · asked late" : "";
      const slot = field(item, "slot");
      slot.hidden = !team.slotStartsAtUtc;
      setTime(slot.querySelector("time"), team.slotStartsAtUtc);
      const controls = item.querySelector("[data-queue-controls]");
      if (controls) {
        controls.hidden = team.presented || team.presenting;
        controls.setAttribute("aria-label", `Move or skip ${team.name}`);
        controls.querySelector('[data-queue-action="Up"]').disabled = waiting[0] === team.id;
        controls.querySelector('[data-queue-action="Up"]').setAttribute("aria-label", `Move ${team.name} up`);
        controls.querySelector('[data-queue-action="Down"]').disabled = waiting.at(-1) === team.id;
        controls.querySelector('[data-queue-action="Down"]').setAttribute("aria-label", `Move ${team.name} down`);
        controls.querySelector('[data-queue-action="Skip"]').hidden = team.skipped;
        controls.querySelector('[data-queue-action="Restore"]').hidden = !team.skipped;
      }
      return item;
    }));
    const empty = root.querySelector("[data-queue-empty]");
    if (empty) empty.hidden = queue.length > 0;
    localize(list);
    if (focusAction) list.querySelector(`[data-team-id="${focusAction[0]}"] [data-queue-action="${focusAction[1]}"]`)?.focus();
  }

  // ---- Questions -------------------------------------------------------------------------------

  const mayAnswer = (teamId) => flag("mayAnswer") && (me.isOrganizer || me.teamId === teamId);

  function renderQuestions() {
    const list = root.querySelector("[data-questions-for]");
    if (!list || !session) return;
    const team = session.currentTeamId;
    list.dataset.questionsFor = team ?? "";
    if (list.contains(document.activeElement) && document.activeElement.tagName === "TEXTAREA") return; // never wipe an answer being typed
    list.replaceChildren(...(questions.get(team) ?? []).map((question) => {
      const item = template("question");
      const article = item.querySelector("[data-question-id]");
      article.dataset.questionId = question.id;
      field(article, "html").querySelector(".markdown").innerHTML = question.html;
      field(article, "askedBy").textContent = question.askedBy;
      setTime(field(article, "askedAt"), question.askedAtUtc);
      field(article, "votes").textContent = question.votes;
      const vote = article.querySelector("[data-vote]");
      vote.setAttribute("aria-pressed", String(votes.has(question.id)));
      vote.classList.toggle("mine", votes.has(question.id));
      vote.disabled = !flag("mayAsk");
      const answer = article.querySelector("[data-answer]");
      answer.hidden = !question.answerHtml;
      field(article, "answeredBy").textContent = question.answeredBy ?? "";
      field(article, "answerHtml").querySelector(".markdown").innerHTML = question.answerHtml ?? "";
      const actions = article.querySelector("[data-question-actions]");
      if (mayAnswer(team)) {
        const details = document.createElement("details");
        details.innerHTML = '<summary>Answer</summary><form data-answer-form><label class="visually-hidden">Answer</label><textarea name="text" rows="2" required></textarea><p class="form-error" data-form-error role="alert"></p><button type="submit" class="button small">Save the answer</button></form>';
        const label = details.querySelector("label");
        label.htmlFor = `answer-${question.id}`;
        details.querySelector("textarea").id = `answer-${question.id}`;
        actions.append(details);
      }
      if (me.isOrganizer) {
        const shown = session.shownQuestionId === question.id;
        actions.append(button(shown ? "Take off the projector" : "Show on the projector", { showQuestion: shown ? "off" : "on" }),
          button("Remove", { removeQuestion: "" }));
      }
      return item;
    }));
    localize(list);
  }

  function button(text, data) {
    const element = Object.assign(document.createElement("button"), { type: "button", className: "button small", textContent: text });
    Object.assign(element.dataset, data);
    return element;
  }

  function renderShownQuestion() {
    const block = root.querySelector("[data-shown-question]");
    if (!block || !session) return;
    const question = [...questions.values()].flat().find((q) => q.id === session.shownQuestionId);
    block.hidden = !question;
    if (question) {
      field(block, "askedBy").textContent = question.askedBy;
      field(block, "html").querySelector(".markdown").innerHTML = question.html;
    }
  }

  // ---- The projector's card: the presenting team's share-back ----------------------------------

  function renderProjectorCard() {
    if (!projector || !session) return;
    const section = root.querySelector("[data-presenting-card]");
    const card = session.currentTeamId ? cards.get(session.currentTeamId) : null;
    const article = section.querySelector("[data-card]");
    article.hidden = !card;
    section.querySelector("[data-card-empty]").hidden = Boolean(card);
    section.querySelector("[data-card-empty] p").textContent = session.currentTeamId && !card ? `${session.currentTeamName} has not posted its write-up yet.` : "";
    if (card && article.dataset.version !== `${card.id}:${card.version}`) {
      article.dataset.version = `${card.id}:${card.version}`;
      field(article, "title").textContent = card.title;
      field(article, "tags").textContent = card.tags.join(", ");
      field(article, "html").querySelector(".markdown").innerHTML = card.html;
    }
    if (card) showDiscovery(article, card.discovery);
  }

  // ---- The countdown: the server owns the end instant; this only subtracts the corrected clock ----

  const announced = new Set();

  function tick() {
    for (const timer of root.querySelectorAll("[data-timer]")) {
      if (timer.hidden || !timer.dataset.endsAt) continue;
      if (!timer.dataset.offset) timer.dataset.offset = String(Date.parse(timer.dataset.serverNow) - Date.now());
      const paused = timer.dataset.pausedMs !== "";
      const remaining = paused ? Number(timer.dataset.pausedMs) : Date.parse(timer.dataset.endsAt) - (Date.now() + Number(timer.dataset.offset));
      const over = remaining <= 0;
      const seconds = over ? Math.floor(-remaining / 1000) : Math.ceil(remaining / 1000);
      timer.querySelector("[data-timer-value]").textContent = `${over && seconds > 0 ? "+" : ""}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      timer.querySelector("[data-timer-label]").textContent = over && seconds > 0 ? "Over time" : "Time left";
      const cue = over ? "Time's up" : remaining <= 60000 ? "1 minute left" : "";
      timer.classList.toggle("warn", cue === "1 minute left");
      timer.classList.toggle("over", over);
      timer.querySelector("[data-timer-cue]").textContent = cue ? `${over ? "⏰" : "⚠"} ${cue}` : "";
      // Announce each threshold once per slot, not every second.
      const key = `${timer.dataset.slot}:${cue}`;
      if (cue && !announced.has(key) && announcer) {
        announced.add(key);
        announcer.textContent = `${cue} for ${session?.currentTeamName ?? root.querySelector("[data-presenter]")?.textContent.trim() ?? ""}.`;
      }
    }
  }
  setInterval(tick, 250);

  // ---- Writes ----------------------------------------------------------------------------------

  // A refusal shows in the message slot nearest to what was pressed, else at the top of the board; never as a pop-up.
  function showError(near, text) {
    let slot = null;
    for (let element = near; element && element !== root && !slot; element = element.parentElement) {
      slot = element.querySelector(":scope > [data-form-error]");
    }
    slot ??= root.querySelector("[data-board-error]");
    if (slot) slot.textContent = text;
  }

  async function post(target, fields) {
    const body = new URLSearchParams(fields);
    body.set("__RequestVerificationToken", token());
    const response = await fetch(target, { method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" } });
    let data = null;
    try { data = await response.json(); } catch { /* not JSON */ }
    if (response.status === 413) throw new Error("That is too large to post (over 64 KB). Shorten it; your text is still here.");
    if (!response.ok) {
      const error = new Error(data?.detail ?? `The server answered ${response.status}.`);
      error.current = data?.current;
      throw error;
    }
    return data;
  }

  // A stale edit: show the newer version beside the draft; the person picks which to keep.
  function showNewer(form, current) {
    const panel = form.querySelector("[data-newer-version]");
    if (!panel || !current) return;
    panel.querySelector("[data-newer-title]").textContent = current.title;
    panel.querySelector("[data-newer-body]").textContent = current.body;
    panel.hidden = false;
    panel.querySelector("[data-use-newer]").onclick = () => {
      form.elements.Title.value = current.title;
      form.elements.Tags.value = current.tags;
      form.elements.Body.value = current.body;
      form.elements.BaseVersion.value = current.version;
      panel.hidden = true;
      showError(form, "");
    };
    panel.querySelector("[data-keep-mine]").onclick = () => {
      form.elements.BaseVersion.value = current.version;
      panel.hidden = true;
      showError(form, "");
      form.requestSubmit();
    };
  }

  // After the first post the form edits that share-back: its address and the version it is based on follow.
  function editing(form, result) {
    form.action = url("editUrl", result.shareBackId);
    form.querySelector('input[name="IdempotencyKey"]')?.remove();
    let base = form.querySelector("[data-base-version]");
    if (!base) {
      base = Object.assign(document.createElement("input"), { type: "hidden", name: "BaseVersion" });
      base.dataset.baseVersion = "";
      form.prepend(base);
    }
    base.value = result.version;
    form.querySelector("[data-submit]").textContent = "Save changes";
    // The related share-backs beside the form leave this one out from now on.
    const related = form.closest(".form-with-related")?.querySelector("[data-related]");
    if (related) related.dataset.relatedExclude = result.shareBackId;
  }

  root.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("[data-board-form], [data-ask-form], [data-answer-form]")) return;
    event.preventDefault();
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    showError(form, "");
    try {
      if (form.matches("[data-ask-form]")) {
        await post(url("askUrl", session.currentTeamId), { text: form.elements.text.value });
        form.reset();
      } else if (form.matches("[data-answer-form]")) {
        await post(url("answerUrl", form.closest("[data-question-id]").dataset.questionId), { text: form.elements.text.value });
        form.elements.text.blur();
      } else {
        editing(form, await post(form.action, new FormData(form)));
        showError(form, "Saved.");
      }
    } catch (error) {
      // The form keeps what was typed (and its idempotency key), so trying again is safe.
      showError(form, error.message);
      showNewer(form, error.current);
    } finally {
      submit.disabled = false;
    }
  });

  root.addEventListener("click", async (event) => {
    const target = event.target.closest("button");
    if (!target || target.disabled) return;
    try {
      if (target.dataset.reaction) {
        const teamId = Number(target.closest("[data-reactions-for]").dataset.reactionsFor);
        const on = target.getAttribute("aria-pressed") !== "true";
        const result = await post(url("reactUrl", teamId), { kind: target.dataset.reaction, on });
        counts.set(teamId, result.counts);
        mine.set(teamId, new Set(result.mine));
        showCounts(teamId, false);
      } else if (target.dataset.vote !== undefined) {
        const id = Number(target.closest("[data-question-id]").dataset.questionId);
        const on = !votes.has(id);
        await post(url("voteUrl", id), { on });
        if (on) votes.add(id); else votes.delete(id);
        target.setAttribute("aria-pressed", String(on));
        target.classList.toggle("mine", on);
      } else if (target.dataset.showQuestion) {
        await post(url("showQuestionUrl", target.closest("[data-question-id]").dataset.questionId), { on: target.dataset.showQuestion === "on" });
      } else if (target.dataset.removeQuestion !== undefined) {
        await post(url("removeQuestionUrl", target.closest("[data-question-id]").dataset.questionId), {});
      } else if (target.dataset.control) {
        await post(root.dataset.controlUrl, { action: target.dataset.control });
      } else if (target.dataset.queueAction) {
        await post(root.dataset.queueUrl, { action: target.dataset.queueAction, teamId: target.closest("[data-team-id]").dataset.teamId });
      } else {
        return;
      }
      showError(target, "");
    } catch (error) {
      showError(target, error.message);
    }
  });

  // ---- The connection --------------------------------------------------------------------------

  function showStatus(text) {
    if (!connectionStatus) return;
    connectionStatus.textContent = text;
    connectionStatus.hidden = !text;
    root.classList.toggle("offline", Boolean(text));
  }

  // Growing, jittered waits, so a thousand screens that lost the server together do not return together.
  const backoff = (attempt) => Math.min(30000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hubPath, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
    .build();
  for (const type of ["ShareBackPosted", "ShareBackEdited", "ShareBackDeleted", "ReactionsChanged", "SessionChanged", "QueueChanged", "QuestionsChanged"]) {
    connection.on(type, (event) => receive(type, event));
  }
  connection.on("YourReactionsChanged", (event) => {
    if (event.playDayId !== playDayId) return;
    mine.set(event.teamId, new Set(event.mine));
    showCounts(event.teamId, false);
  });

  async function join() {
    const current = await connection.invoke("JoinBoard", playDayId);
    if (current !== sequence || pending.size > 0) await reload();
  }

  connection.onreconnecting(() => showStatus("Reconnecting… the board will catch up when the connection is back."));
  connection.onreconnected(async () => {
    await join();
    showStatus("");
  });
  connection.onclose(() => {
    showStatus("Disconnected. Trying again…");
    setTimeout(start, backoff(3));
  });

  let attempts = 0;
  async function start() {
    try {
      await connection.start();
      attempts = 0;
      await join();
      showStatus("");
    } catch {
      showStatus("Cannot reach the board. Trying again…");
      setTimeout(start, backoff(attempts++));
    }
  }

  // A board page is stored once for everyone with the same role and team (SharedPages): this
  // person's reactions, votes and the server's clock come from its personal request (site.js asks,
  // as soon as every script has run), then the connection starts.
  function personal(person) {
    if (!person) return;
    for (const [team, kinds] of Object.entries(person.reactions ?? {})) mine.set(Number(team), new Set(kinds));
    for (const id of person.votes ?? []) votes.add(id);
    for (const team of mine.keys()) showCounts(team, false);
    if (person.serverNowUtc && session) lineup({ ...session, serverNowUtc: person.serverNowUtc }, queue);
    if (session?.currentTeamId) renderQuestions();
  }

  // A post is sent with a key of its own, so that a retry after a dropped connection cannot post twice.
  for (const input of root.querySelectorAll('input[name="IdempotencyKey"]')) {
    if (input.value) continue;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    input.value = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  localize(root);
  lineup(me.session, me.queue);
  renderProjectorCard();
  const begin = async () => {
    personal(await (window.PlayDay?.person ?? null));
    start();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
