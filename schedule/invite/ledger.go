package invite

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/schedule"
)

// LedgerFile is the name of the ledger in the output folder.
const LedgerFile = "ledger.json"

// LedgerVersion is the version of the ledger format.
const LedgerVersion = 1

// A Ledger records what was sent to whom and what they answered.
type Ledger struct {
	Version int `json:"version"`
	// Events are the meetings that were sent, by UID.
	Events map[string]*SentEvent `json:"events"`
	// Itineraries are the itineraries that were sent, by start-up id.
	Itineraries map[string]*SentItinerary `json:"itineraries"`
	// Messages are every message sent, in order.
	Messages []SentMessage `json:"messages"`
}

// A SentEvent is a meeting as its last message said it.
type SentEvent struct {
	UID         string    `json:"uid"`
	Trip        string    `json:"trip"`
	Startup     string    `json:"startup"`
	Contact     string    `json:"contact"`
	Summary     string    `json:"summary"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Sequence    int       `json:"sequence"`
	Fingerprint string    `json:"fingerprint"`
	// Recipients are the addresses that hold the event, lower case.
	Recipients []string `json:"recipients"`
	// ContactAddresses are the recipients on the contact's side.
	ContactAddresses []string `json:"contact_addresses"`
	Cancelled        bool     `json:"cancelled"`
	// Calendar is the text/calendar part last sent, from which a CANCEL
	// is written once the plan no longer has the event.
	Calendar string `json:"calendar"`
	// Answers are the attendees' replies by address (lower case).
	Answers map[string]Answer `json:"answers,omitempty"`
}

// An Answer is one attendee's reply.
type Answer struct {
	PartStat string    `json:"partstat"` // ACCEPTED, DECLINED, TENTATIVE, DELEGATED
	Sequence int       `json:"sequence"` // the SEQUENCE it answered
	Stamp    time.Time `json:"stamp"`    // its DTSTAMP
	Source   string    `json:"source"`   // the file it was read from
}

// A SentItinerary is a start-up's itinerary as its last message said it.
type SentItinerary struct {
	Startup    string                   `json:"startup"`
	Recipients []string                 `json:"recipients"`
	Events     map[string]ItineraryItem `json:"events"`
}

// An ItineraryItem is one leg or hotel night of a sent itinerary.
type ItineraryItem struct {
	Sequence    int    `json:"sequence"`
	Fingerprint string `json:"fingerprint"`
	Calendar    string `json:"calendar"` // a PUBLISH calendar with this one event
}

// A SentMessage is one message that left.
type SentMessage struct {
	MessageID string    `json:"message_id"`
	Key       string    `json:"key"`
	Kind      Kind      `json:"kind"`
	Method    string    `json:"method"`
	UIDs      []string  `json:"uids"`
	Sequence  int       `json:"sequence"`
	To        []string  `json:"to"`
	Digest    string    `json:"digest"` // sha256 of the calendar part
	Sent      time.Time `json:"sent"`
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{Version: LedgerVersion, Events: map[string]*SentEvent{}, Itineraries: map[string]*SentItinerary{}}
}

// ErrLedger is wrapped by the errors of LoadLedger.
var ErrLedger = errors.New("malformed ledger")

// LoadLedger reads the ledger of an output folder; a folder without one
// gives an empty ledger.
func LoadLedger(dir string) (*Ledger, error) {
	path := filepath.Join(dir, LedgerFile)
	data, err := regular.ReadFile(path, MaxLedgerBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return NewLedger(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ledger: %w", err)
	}
	l := NewLedger()
	if err := json.Unmarshal(data, l); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s: offset %d: %w: %v", path, se.Offset, ErrLedger, err)
		}
		return nil, fmt.Errorf("%s: %w: %v", path, ErrLedger, err)
	}
	if l.Version != LedgerVersion {
		return nil, fmt.Errorf("%s: %w: version %d, want %d", path, ErrLedger, l.Version, LedgerVersion)
	}
	if l.Events == nil {
		l.Events = map[string]*SentEvent{}
	}
	if l.Itineraries == nil {
		l.Itineraries = map[string]*SentItinerary{}
	}
	return l, nil
}

// Save writes the ledger into dir atomically: to a temporary file that is
// synced and renamed into place, so that a crash leaves either the old or
// the new ledger, never half of one. The file is readable by its owner
// only: it holds every participant's address and answers.
func (l *Ledger) Save(dir string) error {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the ledger: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("saving the ledger: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+LedgerFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving the ledger: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(dir, LedgerFile))
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving the ledger: %w", werr)
	}
	return nil
}

// Sent reports whether a message with this Message-ID was recorded.
func (l *Ledger) Sent(messageID string) bool {
	for _, m := range l.Messages {
		if m.MessageID == messageID {
			return true
		}
	}
	return false
}

// Record notes that m was sent at the given time: the events and
// itineraries it carries now stand as m says them.
func (l *Ledger) Record(m *Message, sent time.Time) {
	l.Messages = append(l.Messages, SentMessage{
		MessageID: m.MessageID, Key: m.Key, Kind: m.Kind, Method: string(m.Method),
		UIDs: m.UIDs, Sequence: m.Sequence, To: addresses(m.To), Digest: m.Digest, Sent: sent.UTC(),
	})
	if m.record != nil {
		m.record(l)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Apply tells the next plan what the answers in the ledger agreed: a
// declined pair is not proposed again (it joins Matching.Forbid); an
// accepted meeting becomes Locked (the planner keeps it at its time, or
// says in Plan.LocksNotHeld why it cannot) and its pair is pinned.
// Announced gives the planner the times of everything else that was sent, to
// keep where it can (schedule.Options.Previous).
func (l *Ledger) Apply(prog *schedule.Program) {
	for _, d := range l.Declined() {
		if !slices.Contains(prog.Matching.Forbid, d) {
			prog.Matching.Forbid = append(prog.Matching.Forbid, d)
		}
	}
	for _, lock := range l.Accepted() {
		prog.Locked = append(prog.Locked, lock)
		pair := [2]string{lock.Startup, lock.Contact}
		if !slices.Contains(prog.Matching.Pin, pair) {
			prog.Matching.Pin = append(prog.Matching.Pin, pair)
		}
	}
}

// Announced returns the meetings the ledger's invitations currently announce
// (every event sent and not cancelled), for schedule.Options.Previous: a
// re-plan keeps their times where it can, so fewer updates go out.
func (l *Ledger) Announced() []schedule.Lock {
	var out []schedule.Lock
	for _, uid := range sortedKeys(l.Events) {
		if se := l.Events[uid]; !se.Cancelled {
			out = append(out, schedule.Lock{Startup: se.Startup, Contact: se.Contact, Start: se.Start})
		}
	}
	return out
}
