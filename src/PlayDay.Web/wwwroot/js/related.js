// "Has someone tried this already?": past share-backs related to what is typed, beside the form
// (Pages/Shared/_RelatedPanel.cshtml). Asks the server 250 ms after the last keystroke; a newer
// question aborts the one in flight, and an answer to anything but the latest question is dropped.
// Never moves the focus: typing goes on while answers arrive.
(() => {
  const wait = 250;

  for (const panel of document.querySelectorAll("[data-related]")) {
    if (panel.dataset.relatedReady) continue;
    panel.dataset.relatedReady = "true";
    const sources = panel.dataset.relatedSources.split(" ").map((id) => document.getElementById(id)).filter(Boolean);
    if (sources.length === 0) continue;
    const status = panel.querySelector("[data-related-status]");
    const hint = panel.querySelector("[data-related-hint]");
    const list = panel.querySelector("[data-related-list]");
    const max = Number(panel.dataset.relatedMax) || 2000;
    let timer = 0;
    let controller = null;
    let asked = null;
    let latest = 0;

    const typed = () => sources.map((source) => source.value).join("\n").slice(0, max);

    function show(result) {
      list.replaceChildren(...result.childNodes);
      const summary = result.dataset.summary ?? "";
      // Said once per change: the same count again is not announced again.
      if (status.textContent !== summary) status.textContent = summary;
      hint.hidden = summary !== "";
    }

    async function ask() {
      const text = typed();
      const exclude = panel.dataset.relatedExclude ?? "";
      const question = `${exclude}\n${text}`;
      if (question === asked) return;
      asked = question;
      controller?.abort();
      const mine = ++latest;
      if (text.trim() === "") {
        controller = null;
        show(document.createElement("div"));
        return;
      }
      controller = new AbortController();
      const query = new URLSearchParams({ text });
      if (exclude) query.set("exclude", exclude);
      try {
        // Signed out meanwhile: the redirect to the sign-in page is an error here, not a panel.
        const response = await fetch(`${panel.dataset.relatedUrl}?${query}`, { signal: controller.signal, redirect: "error", headers: { Accept: "text/html" } });
        const html = await response.text();
        if (mine !== latest || !response.ok) return;
        const template = document.createElement("template");
        template.innerHTML = html;
        const result = template.content.querySelector("[data-related-result]");
        if (result) show(result);
      } catch {
        // Aborted by a newer question, or offline: the next keystroke asks again.
        if (mine === latest) asked = null;
      }
    }

    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(ask, wait);
    };
    for (const source of sources) source.addEventListener("input", later);
    panel.hidden = false;
    // A form that opens with text in it (editing, or sent back with an error) shows its related ones at once.
    if (typed().trim() !== "") ask();
  }
})();
