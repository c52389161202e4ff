// Package calendar turns a plan into RFC 5545 iCalendar files and reads
// contacts' busy times from them.
//
// # Calendars out
//
// Files returns one calendar per participant of a schedule.Plan (each
// start-up, each contact with a meeting) plus the coordinator's calendar
// with every event. A meeting is an event with the contact and the
// start-up's team as attendees; a travel leg is an event for its
// travellers with a reminder before it leaves; a hotel night is an event
// for the trip's start-ups. UIDs are stable (they depend on the programme,
// the trip and what the event is, never on its times), and an event that
// changed since the earlier export given in Options.Previous gets a higher
// SEQUENCE, so calendar clients update rather than duplicate it.
//
// The files are written with github.com/arran4/golang-ical; calendar.go
// lists the places where that library's output is corrected (CRLF line
// ends, local times with TZID, parameter quoting, octet-exact folding).
// VTIMEZONE components are derived from Go's zone data under the EU
// summer-time rule (Directive 2000/84/EC), which Sweden and Norway follow;
// a zone with other rules is an error rather than a wrong calendar (see
// timezone.go). The tests check every file with an independent parser
// (ical.js).
//
// # Busy times in
//
// ParseBusy reads a contact's availability file: every VEVENT that is not
// TRANSPARENT or CANCELLED is a busy interval, recurring events (RRULE
// with COUNT, UNTIL, INTERVAL, BYDAY, and EXDATE; RFC 5545 3.3.10) block
// every occurrence.
package calendar
