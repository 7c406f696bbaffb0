// Shows a play day's time in the viewer's own zone when it differs from the play day's zone.
(() => {
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const format = (date, zone, withDay) => new Intl.DateTimeFormat(undefined, {
    timeZone: zone,
    ...(withDay ? { weekday: "short", day: "numeric", month: "short" } : {}),
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);

  for (const element of document.querySelectorAll("[data-local-time]")) {
    const { start, end, zone } = element.dataset;
    const startDate = new Date(start);
    const endDate = new Date(end);
    if (!zone || zone === viewerZone || Number.isNaN(startDate.getTime())) continue;
    const theirs = format(startDate, zone, true) + format(endDate, zone, false);
    const yours = format(startDate, viewerZone, true) + format(endDate, viewerZone, false);
    if (theirs === yours) continue;
    const target = element.querySelector(".your-time");
    target.textContent = `Your time: ${format(startDate, viewerZone, true)}–${format(endDate, viewerZone, false)} (${viewerZone})`;
    target.hidden = false;
  }
})();

// Times written as <time data-local datetime="…Z"> show in the viewer's own zone: "16:35" today, "3 Dec, 16:35" on other days.
window.PlayDay = {
  localTimes(root) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const today = new Date().toDateString();
    for (const element of (root ?? document).querySelectorAll("time[data-local]")) {
      const instant = new Date(element.getAttribute("datetime"));
      if (Number.isNaN(instant.getTime())) continue;
      const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(instant);
      element.textContent = instant.toDateString() === today
        ? time
        : `${new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }).format(instant)}, ${time}`;
      element.title = `${new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" }).format(instant)} (${zone})`;
    }
  },
};
window.PlayDay.localTimes(document);

// On a phone the archive's and search's filters would fill the first screen: fold them unless one is set.
if (window.matchMedia("(max-width: 40rem)").matches) {
  for (const panel of document.querySelectorAll("details[data-fold-on-phone]")) {
    if (panel.dataset.active === "0") panel.open = false;
  }
}

// A page stored for everyone of its kind (the board, the archive, search) leaves out what is this
// person's own: their name, and the antiforgery token its forms send. One small request fills them in;
// a page's own script can wait for it (window.PlayDay.person, the JSON or null).
window.PlayDay.person = (() => {
  const url = document.body.dataset.personUrl;
  if (!url) return Promise.resolve(null);
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((person) => {
      if (!person) return null;
      for (const input of document.querySelectorAll("input[data-person-token]")) input.value = person.token;
      for (const element of document.querySelectorAll("[data-person-name]")) element.prepend(person.name);
      // The tools this person follows: their buttons say so and unfollow.
      for (const tag of person.following ?? []) {
        for (const form of document.querySelectorAll("form[data-follow-tag][data-unfollow-action]")) {
          if (form.dataset.followTag !== tag) continue;
          form.action = form.dataset.unfollowAction;
          form.dataset.following = "true";
          const button = form.querySelector("button");
          button.setAttribute("aria-pressed", "true");
          button.textContent = `Following ${tag}`;
        }
      }
      // Their secret feed links, for browsers and feed readers that look in the head.
      for (const feed of person.feeds ?? []) {
        const link = document.createElement("link");
        link.rel = "alternate";
        link.type = "application/atom+xml";
        link.title = feed.title;
        link.href = feed.href;
        document.head.append(link);
      }
      return person;
    })
    .catch(() => null);
})();
