// Package invite runs the coordinator's e-mail cycle: propose, invite,
// collect answers, and after a re-plan send only what changed.
//
// The model: every meeting of a plan is one event with a stable UID
// (package calendar). It reaches its contact and the start-up's team as
// one iMIP message (RFC 6047): multipart/alternative with a text part in
// the recipients' language and a text/calendar part of METHOD:REQUEST
// (RFC 5546 3.2.2) holding that one VEVENT with its VTIMEZONE and an
// ATTENDEE with RSVP=TRUE per person. Each start-up's journeys, local
// moves and hotel night reach its team as one METHOD:PUBLISH message
// (3.2.1), which asks for no answer.
//
// A Ledger (ledger.json in the output folder) remembers what was sent:
// for each event its SEQUENCE, its fingerprint (what the event says,
// DTSTAMP and SEQUENCE left out), its recipients and the calendar text
// last sent; for each message its Message-ID and a digest. Messages
// compares a plan with the ledger and returns only the difference:
//
//   - a meeting not in the ledger: REQUEST with SEQUENCE 0;
//   - a meeting whose fingerprint changed: REQUEST with the same UID and
//     SEQUENCE plus one (5546 2.1.4); people no longer in it get a CANCEL
//     that lists them (5546 3.2.5, removing attendees);
//   - a meeting the plan no longer has: METHOD:CANCEL with
//     STATUS:CANCELLED to everyone who had it;
//   - an unchanged meeting: nothing.
//
// Deliver sends messages one by one and saves the ledger after each
// (atomically), so a run that is interrupted and started again sends
// nothing twice. A Message-ID is derived from the message's content, so
// the one message that may have been accepted by the server just before
// an interruption, and is sent again, carries the same Message-ID and is
// recognised as a duplicate by the receiving side.
//
// ReadReplies reads METHOD:REPLY messages (5546 3.2.3) from .eml files,
// mboxes or .ics files; Ledger.RecordReply keeps each attendee's latest
// PARTSTAT for the current SEQUENCE, and Status summarises them.
package invite
