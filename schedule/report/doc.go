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
// ComputeIndicators computes in one place so that plan.txt, index.html,
// indicators.json and indicators.csv show the same figures.
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
