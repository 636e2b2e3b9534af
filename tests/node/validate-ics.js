// Parses an iCalendar file with ical.js and prints its first event as JSON (uid, start, end in
// UTC, summary, location, status, method), or exits 1 with the parser's words.
// Usage: node validate-ics.js FILE
const fs = require('fs');
const ICAL = require('ical.js');

try {
  const text = fs.readFileSync(process.argv[2], 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) {
    throw new Error('no VEVENT');
  }
  const event = new ICAL.Event(vevent);
  console.log(JSON.stringify({
    uid: event.uid,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    summary: event.summary,
    location: event.location || '',
    status: vevent.getFirstPropertyValue('status') || '',
    method: calendar.getFirstPropertyValue('method') || '',
    sequence: event.sequence,
  }));
} catch (error) {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
}
