// Package schedule turns a programme into a plan: for every trip, the
// date, the journey there and each start-up's way back, the meetings in
// order with the local moves between them, lunch breaks and at most one
// hotel night, with the emissions of the people who travel.
//
// # The model
//
// A Program is a programme (package program reads one from a folder):
// the rules of program.yaml, the start-ups and contacts of package match,
// the places and timetable of package travel, and the contacts' busy
// calendars. Each Trip takes one or more start-ups from a place to a
// destination (a place, a city or a country) on one of several candidate
// dates, as a day trip or with one night away, leaving after leave_after
// and back by back_by. A start-up travels with its people: startups.csv's
// travellers, else its whole team.
//
// # Planning
//
// Program.Plan plans the whole programme at once, in stages (one file
// each):
//
//  1. match.Score scores every start-up × contact pair with reasons.
//  2. Site (site.go): where each trip goes, the hub it arrives at (a
//     station when there is one), the hotels near it, and the contacts
//     who are there.
//  3. Programme-level assignment (assign.go): one match.Assign over every
//     start-up of every trip, each pair allowed only where the contact is
//     at the trip's destination and free on one of its days, within the
//     contacts' capacities and the start-ups' maximum, with the pins
//     (matching.pin) on the pinned start-up's trip. It reserves each
//     contact's meetings for the trips that gain most from them. Trips
//     are then planned by first candidate date, then id, and every
//     search's seed comes from its trip and option, so the order of the
//     trips in program.yaml does not matter.
//  4. Travel frame (frame.go): for each travel option of a trip (each
//     candidate date; train from the timetable or the group's car; day
//     trip or one night), the journey there with travel's Connection Scan
//     queries (the earliest arrival after leave_after) or the road
//     estimate, and the last way back by back_by.
//  5. Candidate pool (pool.go): match.Assign picks the meetings to try on
//     the option, within what the contacts have left after the planned
//     trips and the reservations of the trips still to plan. A contact
//     may meet several start-ups of one trip, within their capacity.
//  6. Instance (instance.go): the meetings become an orienteering problem
//     with time windows (package optw): one route per start-up and day,
//     from the hub back to it (or to the hotel and from it, the hotel
//     chosen by the solver), a node per meeting worth its match score,
//     windows from the contact's availability minus their busy times and
//     other trips' meetings, travel times from walking or taxi estimates
//     plus the buffer, and a lunch break in each route. Meetings of one
//     contact that two routes put at the same time are moved apart (or
//     the lower-scoring one dropped), so nobody is double-booked. Pairs
//     that find no place are replaced by the next-best contacts and the
//     problem solved again, up to eight rounds; with a pair that found
//     no place go the start-up's pairs that can do no better (a contact
//     at the same place, free at no other time, scoring no more), so
//     many alike contacts do not use up the rounds and more contacts
//     never cost a meeting. When the best packing of a night away leaves
//     its second day empty (every meeting fits the first day), the
//     option is solved again with a meeting required on the second day
//     (for each start-up of a car group, for one of a train group), so
//     the night is judged by Travel.NightGain on a plan that keeps the
//     rule below. Times are whole 5-minute slots so itineraries read
//     10:30.
//  7. Itinerary (build.go): the solution becomes the trip's legs and
//     meetings. A start-up on a train trip goes home on the earliest
//     train after its last meeting that the trip allows (a group may
//     split on the way back); a start-up with no meeting on the second
//     day of a night away goes home the first evening; a car group
//     leaves together when the last of it is ready, and a car night in
//     which one of it has nothing on the second day is not possible.
//     Lunch is never during a journey: it comes before the way home, or
//     is dropped when a start-up can be on its way before it would
//     begin.
//  8. Choice (planner.go): of all options, the one with the lowest
//     emissions among those that keep Travel.KeepScore (default 0.9) of
//     the best score is chosen. A night away must give Travel.NightGain
//     (default 2) more meetings than the best day trip, else it is not
//     possible, with that reason. The best option of every other mode and
//     night becomes an Alternative ("car day trip 2027-03-09: 6 meetings,
//     +52.0 kg CO2"); every option that cannot be made is in NotPossible
//     with its reason.
//  9. Revision: once every trip is planned, each trip that could still
//     gain a meeting is planned again with the contacts' time the others
//     left unused, keeping its meetings.
//  10. Reasons (reasons.go): every proposed meeting that did not make it
//     is listed as Unscheduled with a reason a coordinator can act on;
//     a start-up below meetings.per_startup.min is in BelowMinimum; a
//     pin the plan cannot hold is in Plan.PinsNotHeld.
//
// A trip no option can make is listed in Plan.Impossible with each
// option's reason, and Plan returns the plan of every other trip with an
// error wrapping ErrImpossible. Local moves are walks and taxis (the
// timetable's city buses are not used yet).
//
// # Emissions
//
// Trains, buses and ferries emit per person-km; cars and taxis per
// vehicle-km, with Travel.CarSeats (default 5) people a car and
// TaxiSeats a taxi, more vehicles when needed, each vehicle's emission
// shared by its passengers. A hotel guest night emits Travel.HotelKg
// (default 6.8 kg, the Nordic average of the Travel & Climate
// calculator). Each trip gives its emissions per start-up, per person
// and per meeting, and the all-car figure (the same trip with its main
// journeys by car); the totals sum them.
//
// # Work, not time
//
// Every search is bounded by work: the solver's iterations, the refill
// rounds, the revision pass. The same input and seed give the same plan
// on any machine at any load. Options.TimeLimit is only a safety net;
// when it (or the context) ends the searches early, Plan still returns a
// complete plan that keeps every rule, with Plan.Stop saying why.
//
// # Checking
//
// Program.Check verifies a plan against every rule (continuity of each
// participant's day, windows, capacities, deadlines, seats and people,
// emissions adding up, no idle nights, no lunch on the way, the earliest
// train home, pins and impossible trips listed); the tests run it on the
// demo and on random programmes. Package report writes the plan as
// plan.json and plan.txt, package calendar as iCalendar files.
package schedule
