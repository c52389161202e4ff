// Package report writes a plan for the people who use it: the
// coordinator (plan.txt, index.html, meetings.xlsx and meetings.csv),
// each start-up and contact (agenda/ID.html, next to the calendars of
// package calendar) and the funder (indicators.json and indicators.csv).
// Files renders the whole set in memory; WriteFiles writes it.
//
// The writers read a schedule.Plan and the schedule.Directory of who and
// where its ids are; Options.Program adds what the directory lacks
// (languages, organisations, roles, wish lists, the car's fuel). Every
// writer works from the same views: the days of one start-up or contact
// (its legs with the changes between timetable legs, meetings, lunch and
// hotel, in the local time of each place) and the Indicators, which
// ComputeIndicators gathers in one place so that plan.txt, index.html,
// indicators.json and indicators.csv show the same figures.
//
// The people and emission figures are the planner's, read from the plan
// and never recomputed: people per trip (and per start-up by
// Program.People), CO2 per start-up, per person and per meeting, the
// all-car comparison and the CO2 it avoids. Hotel nights are a line of
// their own beside the travel emissions, and count in the total. A
// hotel night is in the days and calendars of the hotel's guests only
// (Hotel.Guests; every start-up of the trip when it names none). What
// the coordinator must act on is written out too: options not possible
// with their reasons, trips no option can make, pins not held, start-ups
// below the minimum of meetings, and why planning stopped early.
//
// Text is written in Swedish, Norwegian (bokmål) or English (see Lang):
// one phrase book per language, with dates as each language writes them.
// The reasons of package match ("wish 1: org X", "tags: a, b") are
// rewritten as sentences in the reader's language; text the package
// does not recognise is kept as written. Every text from the input goes
// through clean, and the HTML pages are html/template files embedded in
// the package, self-contained (inline CSS and SVG, no script, nothing
// loaded from the network), with a print stylesheet for A4.
package report
