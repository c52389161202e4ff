package program_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// TestBusyOverTheProgrammeHorizon: a daily busy time that began in 2020
// still blocks the programme's days in 2027 (issue 14, item 5).
func TestBusyOverTheProgrammeHorizon(t *testing.T) {
	for _, rule := range []string{"FREQ=DAILY", "FREQ=DAILY;UNTIL=20300101T000000Z"} {
		t.Run(rule, func(t *testing.T) {
			files := programtest.Demo(t)
			files["availability/C01.ics"] = &fstest.MapFile{Data: []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20200101T000000Z\r\n" +
				"DTSTART;TZID=Europe/Oslo:20200101T080000\r\nDTEND;TZID=Europe/Oslo:20200101T170000\r\nRRULE:" + rule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")}
			prog := programtest.Load(t, files)
			oslo, _ := time.LoadLocation("Europe/Oslo")
			for _, day := range []int{9, 16, 30} {
				at := time.Date(2027, 3, day, 12, 0, 0, 0, oslo)
				blocked := false
				for _, iv := range prog.Busy["C01"] {
					if !at.Before(iv.Start) && at.Before(iv.End) {
						blocked = true
					}
				}
				if !blocked {
					t.Errorf("C01 is free at %v; the daily busy time from 2020 is lost", at)
				}
			}
		})
	}
}

// TestLoadRefusesAvailabilityFile: availability must be a folder.
func TestLoadRefusesAvailabilityFile(t *testing.T) {
	files := programtest.Demo(t)
	for k := range files {
		if strings.HasPrefix(k, "availability/") {
			delete(files, k)
		}
	}
	files["availability"] = &fstest.MapFile{Data: []byte("x")}
	_, err := program.Load(files)
	var pe *program.ParseError
	if !errors.As(err, &pe) || pe.File != "availability" || !strings.Contains(err.Error(), "want a folder") {
		t.Fatalf("got %v", err)
	}
}
