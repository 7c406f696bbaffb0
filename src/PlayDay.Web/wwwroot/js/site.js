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
