package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/invite"
)

func init() {
	commands["send"] = command{summary: "e-mail invitations, updates and cancellations for the plan in --out", run: runSend}
}

type sendOptions struct {
	program, out, drafts string
	dryRun               bool
	pause                time.Duration
}

func runSend(ctx context.Context, args []string, stdio stdio) error {
	var o sendOptions
	fs := cli.NewFlagSet("crossmeet", "send", "[--program DIR] [--out DIR] [--drafts DIR] [--dry-run] [--pause D]", stdio.err)
	fs.StringVar(&o.program, "program", "", "programme `folder` (default: the embedded demo)")
	fs.StringVar(&o.out, "out", "crossmeet-out", "output `folder` of crossmeet plan: plan.json, and the ledger of what was sent")
	fs.StringVar(&o.drafts, "drafts", "", "write one .eml per message into `folder` instead of sending (the ledger is not changed)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "list what would be sent, send nothing")
	fs.DurationVar(&o.pause, "pause", 0, "wait this long between messages, for servers that limit how fast one may send")
	if err := cli.Parse(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	return send(ctx, o, stdio)
}

// sendTime is the time of sending: SOURCE_DATE_EPOCH when set, else the
// clock.
func sendTime() (time.Time, error) {
	stamp, err := sourceDateEpoch()
	if err != nil {
		return time.Time{}, cli.Invalid(err)
	}
	if stamp.IsZero() {
		stamp = time.Now().UTC().Truncate(time.Second)
	}
	return stamp, nil
}

// maxPlanBytes bounds the plan.json readPlan reads: a season's plan is a
// few megabytes.
const maxPlanBytes = 256 << 20

// readPlan reads plan.json of an output folder.
func readPlan(out string) (*schedule.Plan, error) {
	path := filepath.Join(out, "plan.json")
	data, err := regular.ReadFile(path, maxPlanBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, cli.Invalid(fmt.Errorf("%s: no plan: run crossmeet plan --out %s first", path, out))
	}
	if errors.Is(err, regular.ErrNotRegular) || errors.Is(err, regular.ErrTooLarge) {
		return nil, cli.Invalid(err)
	}
	if err != nil {
		return nil, err
	}
	var p schedule.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, cli.Invalid(fmt.Errorf("%s: %w", path, err))
	}
	if p.Version != schedule.PlanVersion {
		return nil, cli.Invalid(fmt.Errorf("%s: version %d, want %d", path, p.Version, schedule.PlanVersion))
	}
	return &p, nil
}

// mailFrom is the sending address: program.yaml mail.from, else the
// coordinator's.
func mailFrom(prog *schedule.Program) string {
	if prog.Mail.From != "" {
		return prog.Mail.From
	}
	return prog.Coordinator.Email
}

func send(ctx context.Context, o sendOptions, stdio stdio) error {
	stamp, err := sendTime()
	if err != nil {
		return err
	}
	prog, err := loadProgram(o.program, stdio.err)
	if err != nil {
		return err
	}
	p, err := readPlan(o.out)
	if err != nil {
		return err
	}
	ledger, err := invite.LoadLedger(o.out)
	if err != nil {
		return cli.Invalid(err)
	}
	from := mailFrom(prog)
	msgs, err := invite.Messages(prog, p, ledger, invite.Options{Stamp: stamp, From: from})
	if err != nil {
		return err
	}
	w := stdio.out
	switch {
	case o.dryRun:
		fmt.Fprint(w, invite.Changes(msgs))
		return nil
	case o.drafts != "":
		if from == "" {
			return cli.Invalid(errors.New("program.yaml has neither mail.from nor coordinator.email: no sender for the drafts"))
		}
		if err := os.MkdirAll(o.drafts, 0o755); err != nil {
			return err
		}
		for i, m := range msgs {
			eml, err := m.EML(from)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(o.drafts, m.FileName(i+1)), eml, 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "wrote %d drafts in %s (nothing sent, the ledger is unchanged)\n", len(msgs), o.drafts)
		return nil
	}
	if len(msgs) == 0 {
		fmt.Fprintln(w, "nothing to send: everyone has the current plan")
		return nil
	}
	password := ""
	if env := prog.Mail.PasswordEnv; env != "" {
		v, ok := os.LookupEnv(env)
		if !ok {
			return cli.Invalid(fmt.Errorf("program.yaml mail.password_env names %s, which is not set", env))
		}
		password = v
	}
	sender, err := invite.NewSMTP(prog.Mail, password)
	if err != nil {
		return cli.Invalid(err)
	}
	defer sender.Close()
	logged := &logSender{next: sender, w: stdio, pause: o.pause}
	n, err := invite.Deliver(ctx, msgs, logged, ledger, func(l *invite.Ledger) error { return l.Save(o.out) },
		func() time.Time { return time.Now().UTC() })
	fmt.Fprintf(w, "sent %d of %d messages; ledger: %s\n", n, len(msgs), filepath.Join(o.out, invite.LedgerFile))
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted after %d messages; run send again to send the rest: %w", n, err)
		}
		return err
	}
	return sender.Close()
}

// logSender prints each message as it leaves, and waits pause before
// the next.
type logSender struct {
	next   invite.Sender
	w      stdio
	pause  time.Duration
	before bool
}

func (s *logSender) Send(ctx context.Context, m *invite.Message) error {
	if s.before && s.pause > 0 {
		t := time.NewTimer(s.pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	s.before = true
	if err := s.next.Send(ctx, m); err != nil {
		return err
	}
	var to []string
	for _, p := range m.To {
		to = append(to, p.Email)
	}
	fmt.Fprintf(s.w.out, "%-12s %s\n             to %s\n", m.Kind, m.Subject, strings.Join(to, ", "))
	return nil
}
