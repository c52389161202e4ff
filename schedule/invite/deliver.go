package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/crossmeet/crossmeet/schedule"
)

// A Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m *Message) error
}

// ErrMailSettings is wrapped when program.yaml's mail settings cannot
// be used.
var ErrMailSettings = errors.New("incomplete mail settings")

// SMTP sends through an SMTP server (RFC 5321) with go-mail, over one
// connection opened on the first message. Close it when done.
type SMTP struct {
	cfg    schedule.Mail
	client *gomail.Client
	open   bool
}

// NewSMTP returns a sender for the settings of program.yaml's mail, with
// the password already read from the environment variable that
// PasswordEnv names (empty for none). TLS "starttls" (the default)
// requires STARTTLS, "tls" speaks TLS from the start (port 465), "none"
// sends in the clear and is meant for a server on the same machine.
func NewSMTP(cfg schedule.Mail, password string) (*SMTP, error) {
	if cfg.Host == "" || cfg.From == "" {
		return nil, fmt.Errorf("mail: %w: program.yaml mail needs host and from", ErrMailSettings)
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := cfg.Port
	switch cfg.TLS {
	case "", "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		if port == 0 {
			port = 587
		}
	case "tls":
		opts = append(opts, gomail.WithSSL())
		if port == 0 {
			port = 465
		}
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		if port == 0 {
			port = 25
		}
	default:
		return nil, fmt.Errorf("mail.tls: %w: want starttls, tls or none, got %q", ErrMailSettings, cfg.TLS)
	}
	opts = append(opts, gomail.WithPort(port))
	if cfg.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if cfg.TLS == "none" {
			// Chosen in program.yaml: a password in the clear, to a
			// server on this machine or network.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(cfg.Username), gomail.WithPassword(password))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return &SMTP{cfg: cfg, client: c}, nil
}

// Send delivers m from the configured From address.
func (s *SMTP) Send(ctx context.Context, m *Message) error {
	msg, err := m.Mail(s.cfg.From)
	if err != nil {
		return err
	}
	if !s.open {
		if err := s.client.DialWithContext(ctx); err != nil {
			return fmt.Errorf("connecting to %s: %w", s.client.ServerAddr(), err)
		}
		s.open = true
	}
	if err := s.client.Send(msg); err != nil {
		return fmt.Errorf("sending %s to %v: %w", m.MessageID, addresses(m.To), err)
	}
	return nil
}

// Close ends the SMTP session.
func (s *SMTP) Close() error {
	if !s.open {
		return nil
	}
	s.open = false
	return s.client.Close()
}

// Deliver sends msgs in order and after each one records it in l and
// calls save (which should write the ledger atomically); a message the
// ledger already has (same Message-ID) is skipped. It stops at the first
// error, or when ctx is done before the next message, and returns how
// many messages it sent. now gives the time recorded for each message.
func Deliver(ctx context.Context, msgs []*Message, s Sender, l *Ledger, save func(*Ledger) error, now func() time.Time) (int, error) {
	sent := 0
	for _, m := range msgs {
		if err := ctx.Err(); err != nil {
			return sent, err
		}
		if l.Sent(m.MessageID) {
			continue
		}
		if err := s.Send(ctx, m); err != nil {
			return sent, err
		}
		sent++
		l.Record(m, now())
		if err := save(l); err != nil {
			return sent, err
		}
	}
	return sent, nil
}
