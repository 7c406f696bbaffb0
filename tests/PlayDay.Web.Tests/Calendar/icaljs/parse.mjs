// Reads an iCalendar document on stdin and prints what Mozilla's ical.js understands of it, as JSON:
// the calendar's METHOD, its feed properties (RFC 7986 NAME, SOURCE, REFRESH-INTERVAL) and, per
// VEVENT, UID, SUMMARY, SEQUENCE, STATUS and the start and end instants in UTC, computed through
// the document's own VTIMEZONEs.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    startUtc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
    startZone: event.startDate.zone?.tzid ?? null,
    organizer: component.getFirstPropertyValue("organizer"),
    attendees: component.getAllProperties("attendee").map((a) => a.getFirstValue()),
    alarms: component.getAllSubcomponents("valarm").length,
  };
});
const refresh = calendar.getFirstPropertyValue("refresh-interval");
process.stdout.write(JSON.stringify({
  method: calendar.getFirstPropertyValue("method"),
  name: calendar.getFirstPropertyValue("name"),
  source: calendar.getFirstPropertyValue("source"),
  refreshSeconds: refresh ? refresh.toSeconds() : null,
  events,
}));
