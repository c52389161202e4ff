// Package calendar writes the iCalendar (RFC 5545) side of a plan and
// reads contacts' busy times.
//
// The model: every meeting, travel leg and hotel night of a Plan is one
// Event with a UID that depends on what the event is (trip, start-up and
// contact; mode, places and travellers), never on its time, so a moved
// event keeps its UID and a reader replaces it instead of adding a copy.
// Calendar writes events for an iTIP method (RFC 5546): PUBLISH for the
// calendar files people import (Files: one per participant and one for the
// coordinator, without ATTENDEEs as 3.2.1 requires), REQUEST for the
// invitation of one meeting (ATTENDEEs with RSVP=TRUE), CANCEL to withdraw
// one. Each event's ORGANIZER is the coordinator of the country that hosts
// it. SEQUENCE follows RFC 5546 2.1.4: Files raises it for an event whose
// content changed since an earlier export; package invite keeps its own
// count in its ledger. Times are local with a TZID and a VTIMEZONE derived
// from the Go zone (timezone.go); lines are CRLF and folded at 75 octets.
//
// ParseBusy reads a contact's availability/ID.ics (busy.go).
package calendar
