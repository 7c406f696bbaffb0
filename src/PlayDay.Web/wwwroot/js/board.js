// The live board: the server renders every part; this script keeps them current.
// The hub only says what changed (with a sequence number); the script then fetches that part
// again. A missed number or a reconnect reloads every part, so nothing posted meanwhile is lost.
// Writes are ordinary POSTs with the antiforgery token; the server broadcasts them.
(() => {
  const root = document.querySelector("[data-board]");
  if (!root) return;
  const playDayId = Number(root.dataset.playdayId);
  const parts = root.dataset.parts.split(" ");
  const connectionStatus = root.querySelector("[data-connection]");
  const announcer = document.getElementById("board-announcer");
  let sequence = Number(root.dataset.sequence);
  const announced = new Set();

  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";

  // Replaces the named parts this page has. The compose form is only refreshed after one's own
  // post, never by others' events, so a draft being typed is never wiped.
  async function refresh(names) {
    await Promise.all(names.filter((n) => root.querySelector(`[data-part="${n}"]`)).map(async (name) => {
      const response = await fetch(`/playdays/${playDayId}/board?handler=Part&name=${encodeURIComponent(name)}`, { credentials: "same-origin" });
      if (!response.ok) return;
      const target = root.querySelector(`[data-part="${name}"]`);
      if (target) target.innerHTML = await response.text();
    }));
    tick();
  }

  async function reloadAll() {
    const response = await fetch(`/playdays/${playDayId}/board/state`, { credentials: "same-origin" });
    if (response.ok) sequence = (await response.json()).sequence;
    await refresh(parts);
  }

  // Applies an event if it is the next one; a gap means something was missed, so reload everything.
  function accept(event, names) {
    if (event.sequence <= sequence) return;
    if (event.sequence !== sequence + 1) {
      reloadAll();
      return;
    }
    sequence = event.sequence;
    refresh(names);
  }

  const sharebackParts = ["sharebacks", "projector-sharebacks"];
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hubPath)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 10000, 30000])
    .build();
  connection.on("ShareBackPosted", (e) => accept(e, sharebackParts));
  connection.on("ShareBackEdited", (e) => accept(e, sharebackParts));
  connection.on("ReactionsChanged", (e) => accept(e, sharebackParts));
  connection.on("ShareBackDeleted", (e) => accept(e, [...sharebackParts, "compose"]));
  connection.on("SessionChanged", (e) => accept(e, ["session", "queue", "projector-session"]));
  connection.on("QueueChanged", (e) => accept(e, ["queue", "session", "projector-session"]));

  function showStatus(text) {
    connectionStatus.textContent = text;
    connectionStatus.hidden = !text;
    root.classList.toggle("offline", Boolean(text));
  }

  async function join() {
    const current = await connection.invoke("JoinBoard", playDayId);
    if (current !== sequence) await reloadAll();
  }

  connection.onreconnecting(() => showStatus("Reconnecting… the board will catch up when the connection is back."));
  connection.onreconnected(async () => {
    await join();
    await reloadAll();
    showStatus("");
  });
  connection.onclose(() => {
    showStatus("Disconnected. Trying again…");
    setTimeout(start, 5000);
  });

  async function start() {
    try {
      await connection.start();
      await join();
      showStatus("");
    } catch {
      showStatus("Cannot reach the board. Trying again…");
      setTimeout(start, 5000);
    }
  }

  // Countdown: the server owns the end instant; this only subtracts the (server-corrected) clock.
  function tick() {
    for (const timer of root.querySelectorAll("[data-timer]")) {
      if (!timer.dataset.offset) timer.dataset.offset = String(Date.parse(timer.dataset.serverNow) - Date.now());
      const paused = timer.dataset.pausedMs !== "";
      const remaining = paused ? Number(timer.dataset.pausedMs) : Date.parse(timer.dataset.endsAt) - (Date.now() + Number(timer.dataset.offset));
      const shown = Math.max(0, Math.ceil(remaining / 1000));
      timer.querySelector("[data-timer-value]").textContent = `${Math.floor(shown / 60)}:${String(shown % 60).padStart(2, "0")}`;
      const cue = remaining <= 0 ? "Time's up" : remaining <= 60000 ? "1 minute left" : "";
      timer.classList.toggle("warn", cue === "1 minute left");
      timer.classList.toggle("over", cue === "Time's up");
      timer.querySelector("[data-timer-cue]").textContent = cue ? `${remaining <= 0 ? "⏰" : "⚠"} ${cue}` : "";
      // Announce each threshold once per slot, not every second.
      const key = `${timer.dataset.slot}:${cue}`;
      if (cue && !announced.has(key)) {
        announced.add(key);
        const presenter = root.querySelector("[data-presenter]")?.textContent.trim() ?? "";
        announcer.textContent = `${cue} for ${presenter}.`;
      }
    }
  }
  setInterval(tick, 250);

  function showError(near, text) {
    const slot = near.closest("form, section, [data-part]")?.querySelector("[data-form-error]");
    if (slot) slot.textContent = text;
    else if (text) alert(text);
  }

  async function post(url, fields) {
    const body = new URLSearchParams(fields);
    body.set("__RequestVerificationToken", token());
    const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
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

  root.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-board-form]");
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    showError(form, "");
    try {
      await post(form.action, new FormData(form));
      await refresh(["compose", ...sharebackParts]);
    } catch (error) {
      // The form keeps what was typed (and its idempotency key), so trying again is safe.
      showError(form, error.message);
      showNewer(form, error.current);
    } finally {
      button.disabled = false;
    }
  });

  root.addEventListener("click", async (event) => {
    const reaction = event.target.closest("[data-reaction]");
    const control = event.target.closest("[data-control]");
    const queueAction = event.target.closest("[data-queue-action]");
    try {
      if (reaction) {
        const on = reaction.getAttribute("aria-pressed") !== "true";
        const result = await post(`/playdays/${playDayId}/board/sharebacks/${reaction.dataset.sharebackId}/reactions`, { kind: reaction.dataset.reaction, on });
        const card = reaction.closest("[data-shareback-id]");
        for (const [kind, count] of Object.entries(result.counts)) {
          const counter = card.querySelector(`[data-reaction-count="${kind}"]`);
          if (counter) counter.textContent = count;
        }
        for (const button of card.querySelectorAll("[data-reaction]")) {
          const mine = result.mine.includes(button.dataset.reaction);
          button.setAttribute("aria-pressed", String(mine));
          button.classList.toggle("mine", mine);
        }
      } else if (control) {
        await post(`/playdays/${playDayId}/board/control`, { action: control.dataset.control });
      } else if (queueAction) {
        await post(`/playdays/${playDayId}/board/queue`, { action: queueAction.dataset.queueAction, teamId: queueAction.dataset.teamId });
      }
    } catch (error) {
      showError(event.target, error.message);
    }
  });

  tick();
  start();
})();
