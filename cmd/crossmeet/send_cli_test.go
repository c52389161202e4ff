package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMailCommandsBadInput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	planned := t.TempDir()
	mustRun(t, "plan", "--out", planned)
	// One invitation per meeting of plan.json and one itinerary per
	// start-up that travels.
	var plan struct {
		Trips []struct {
			Startups []string `json:"startups"`
			Meetings []any    `json:"meetings"`
		} `json:"trips"`
	}
	data, err := os.ReadFile(filepath.Join(planned, "plan.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &plan))
	meetings, startups := 0, 0
	for _, tp := range plan.Trips {
		meetings += len(tp.Meetings)
		startups += len(tp.Startups)
	}
	require.Positive(t, meetings)
	dryRun := fmt.Sprintf("%d messages: %d invitations, 0 updates, 0 cancellations, %d itineraries", meetings+startups, meetings, startups)
	withMail := mailProgram(t, 1) // port 1: nothing listens, nothing is reached
	empty := t.TempDir()
	badLedger := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(badLedger, "ledger.json"), []byte("{"), 0o644))
	strayReply := filepath.Join(t.TempDir(), "stray.ics")
	require.NoError(t, os.WriteFile(strayReply, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\nMETHOD:REPLY\r\n"+
		"BEGIN:VEVENT\r\nUID:never-sent@crossmeet\r\nDTSTAMP:20270301T080000Z\r\nSEQUENCE:0\r\nDTSTART:20270309T090000Z\r\n"+
		"ORGANIZER:mailto:kari@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:someone@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644))
	badMail := filepath.Join(t.TempDir(), "bad.eml")
	require.NoError(t, os.WriteFile(badMail, []byte("Content-Type: multipart/mixed\r\n\r\n--x\r\n"), 0o644))
	// A FIFO among the replies, and in place of the ledger: refused, not
	// waited on.
	inbox := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(inbox, "a.eml"), 0o644))
	fifoLedger := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(fifoLedger, "ledger.json"), 0o644))
	fifoPlan := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(fifoPlan, "plan.json"), 0o644))

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of it
		stderr string // a part of it
	}{
		{"send without a plan", []string{"send", "--out", empty}, 2, "", "no plan: run crossmeet plan"},
		{"send without mail settings", []string{"send", "--out", planned}, 2, "", "program.yaml mail needs host and from"},
		{"password variable not set", []string{"send", "--program", withMail, "--out", planned}, 2, "", "CROSSMEET_TEST_SMTP_PASSWORD, which is not set"},
		{"dry run lists", []string{"send", "--dry-run", "--out", planned}, 0, dryRun, ""},
		{"replies without files", []string{"replies", "--out", planned}, 2, "", "at least one"},
		{"replies from a missing file", []string{"replies", "--out", planned, filepath.Join(empty, "nope.eml")}, 2, "", "nope.eml"},
		{"replies from a broken message", []string{"replies", "--out", planned, badMail}, 2, "", "bad.eml"},
		{"replies from a FIFO", []string{"replies", "--out", planned, inbox}, 2, "", "a.eml: not a regular file: it is a FIFO"},
		{"a FIFO for a ledger", []string{"status", "--out", fifoLedger}, 2, "", "ledger.json: not a regular file: it is a FIFO"},
		{"a FIFO for a plan", []string{"send", "--dry-run", "--out", fifoPlan}, 2, "", "plan.json: not a regular file: it is a FIFO"},
		{"replies for a meeting never sent", []string{"replies", "--out", t.TempDir(), strayReply}, 0, "recorded 0 answers from 1 file:", "never sent"},
		{"status of a broken ledger", []string{"status", "--out", badLedger}, 2, "", "malformed ledger"},
		{"status before sending", []string{"status", "--out", empty}, 0, "no invitations sent yet", ""},
		{"send help", []string{"send", "--help"}, 0, "--drafts", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			assert.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Contains(t, stdout, tc.stdout)
			assert.Contains(t, stderr, tc.stderr)
		})
	}
}
