// Package schedule turns a programme into a plan: for every trip, the
// date, the journey there and back, the meetings in order with the local
// moves between them, a lunch break and at most one hotel night; and it
// writes the plan as plan.json, plan.txt and iCalendar files.
//
// # The model
//
// A Program is a loaded programme folder (LoadProgram): the rules of
// program.yaml, the start-ups and contacts of package match, the places
// and timetable of package travel, and the contacts' busy calendars. Each
// Trip takes one or more start-ups from a place to a destination (a place,
// a city or a country) on one of several candidate dates, as a day trip
// or with one night away, leaving after leave_after and back by back_by.
//
// Program.Plan plans the trips in the order program.yaml lists them, so
// earlier trips take contacts' time and capacity first:
//
//  1. match.Score scores every start-up × contact pair with reasons.
//  2. For each travel option of a trip (each candidate date; train from
//     the timetable or the group's car; day trip or one night), the main
//     journeys are found with travel's Connection Scan queries (the
//     earliest arrival after leave_after, the latest departure home by
//     back_by) or the road estimate.
//  3. match.Assign picks the meetings to try: the best assignment of the
//     trip's start-ups to the contacts at the destination, within the
//     contacts' remaining capacity and the start-ups' maximum, one
//     start-up per contact on a trip.
//  4. The meetings become an orienteering problem with time windows
//     (package optw): one route per start-up and day, from the arrival
//     station back to it (or to the hotel and from it, the hotel chosen by
//     the solver), a node per meeting worth its match score, windows from
//     the contact's availability minus their busy times and earlier trips,
//     travel times from walking or taxi estimates plus the buffer, and a
//     lunch break in each route. Meetings that find no place are replaced
//     by the next-best contacts and the problem solved again, twice at
//     most. Times are whole 5-minute slots so itineraries read 10:30.
//  5. Of all options, the one with the lowest emissions among those that
//     keep Travel.KeepScore (default 0.9) of the best score is chosen;
//     the best option of every other mode and night becomes an
//     Alternative ("car day trip 2027-03-09: 6 meetings, +52.0 kg CO2").
//     A hotel night is counted as no emission.
//  6. Every proposed meeting that did not make it is listed as Unscheduled
//     with a reason a coordinator can act on.
//
// Program.Check verifies a plan against every rule (continuity of each
// participant's day, windows, capacities, deadlines, emissions adding up);
// the tests run it on the demo and on random programmes.
//
// # Outputs
//
// Files renders plan.json (the Plan type, version 1 of the format in
// DESIGN.md), plan.txt (Text) and one calendar per participant
// (Calendars); WriteFiles writes them atomically. Calendars are RFC 5545
// files made with github.com/arran4/golang-ical, with the library's
// pitfalls handled in calendar.go (CRLF, TZID times, escaping, folding)
// and VTIMEZONE components derived from Go's zone data under the EU
// summer-time rule (Directive 2000/84/EC), see timezone.go. The same
// input and seed give byte-identical files.
package schedule
