package invite

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crossmeet/crossmeet/internal/wording"
)

// Status summarises the ledger per meeting, in order of start: its
// state (sent with SEQUENCE n, or cancelled) and each recipient's answer
// to the current version; an answer to an earlier version shows as
// waiting, with what it was. A last line counts the answers.
func (l *Ledger) Status() string {
	var b strings.Builder
	uids := sortedKeys(l.Events)
	sort.SliceStable(uids, func(i, j int) bool { return l.Events[uids[i]].Start.Before(l.Events[uids[j]].Start) })
	counts := map[string]int{}
	meetings := 0
	for _, uid := range uids {
		se := l.Events[uid]
		state := fmt.Sprintf("sent, version %d", se.Sequence)
		if se.Cancelled {
			state = "cancelled"
		}
		fmt.Fprintf(&b, "%s  %s  %s  (%s)\n", se.Start.Format("2006-01-02 15:04 -0700"), se.Trip, se.Summary, state)
		if se.Cancelled {
			continue
		}
		meetings++
		for _, a := range se.Recipients {
			ans := strings.ToLower(se.answerOf(a))
			if old, ok := se.Answers[a]; ok && old.Sequence < se.Sequence {
				ans += fmt.Sprintf(" (had answered %s to version %d)", strings.ToLower(old.PartStat), old.Sequence)
			}
			counts[strings.ToLower(se.answerOf(a))]++
			fmt.Fprintf(&b, "    %-40s %s\n", a, ans)
		}
	}
	if len(uids) == 0 {
		return "no invitations sent yet\n"
	}
	fmt.Fprintf(&b, "\n%d meetings: %d accepted, %d tentative, %d declined, %d waiting\n", meetings,
		counts["accepted"], counts["tentative"], counts["declined"], counts["needs-action"])
	return b.String()
}

// Changes says who must be told what: one line per message, e.g.
// "update      Meeting: A – B  → a@x, b@y". An empty list says nothing
// is to be sent.
func Changes(msgs []*Message) string {
	if len(msgs) == 0 {
		return "nothing to send: everyone has the current plan\n"
	}
	var b strings.Builder
	counts := map[Kind]int{}
	for _, m := range msgs {
		counts[m.Kind]++
		fmt.Fprintf(&b, "%-12s %s\n             to %s\n", m.Kind, m.Subject, strings.Join(addresses(m.To), ", "))
	}
	fmt.Fprintf(&b, "\n%s: %s, %s, %s, %s\n", wording.Plural(len(msgs), "message"),
		wording.Plural(counts[Invitation], "invitation"), wording.Plural(counts[Update], "update"),
		wording.Plural(counts[Cancellation], "cancellation"), wording.Plural(counts[Itinerary], "itinerary"))
	return b.String()
}
