// Package report renders a schedule.Plan for people and programs, and
// writes a plan's output folder.
//
// Text renders plan.txt: one block per trip, its days in time order, what
// could not be scheduled and why, and the indicators funders ask for.
// Files assembles the whole output set of a run, by path relative to the
// output folder: plan.json (the schedule.Plan type, see docs/design.md),
// plan.txt and the calendars of package calendar under ics/. WriteFiles
// writes such a set; ReadPrevious reads the calendars of an earlier run,
// so that changed events get a higher SEQUENCE.
package report
