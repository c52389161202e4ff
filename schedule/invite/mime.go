package invite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// ErrAddress is wrapped when an address cannot be written in a header.
var ErrAddress = fmt.Errorf("malformed e-mail address")

// Mail returns the message as a go-mail message from the given sender
// (RFC 5322 address, e.g. "Kari <kari@example.org>"): To the
// recipients, Reply-To the organising coordinator, and a
// multipart/alternative body of a text/plain part and a text/calendar
// part with the method parameter (RFC 6047 2.4), base64-encoded so that
// no relay rewraps its CRLF lines.
func (m *Message) Mail(from string) (*gomail.Msg, error) {
	sum := sha256.Sum256([]byte(m.MessageID))
	msg := gomail.NewMsg(gomail.WithBoundary("crossmeet-"+hex.EncodeToString(sum[:12])), gomail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from %q: %w: %v", from, ErrAddress, err)
	}
	for _, p := range m.To {
		if err := msg.AddToFormat(oneLine(p.Name), p.Email); err != nil {
			return nil, fmt.Errorf("to %q: %w: %v", p.Email, ErrAddress, err)
		}
	}
	if m.ReplyTo.Email != "" {
		if err := msg.ReplyToFormat(oneLine(m.ReplyTo.Name), m.ReplyTo.Email); err != nil {
			return nil, fmt.Errorf("reply-to %q: %w: %v", m.ReplyTo.Email, ErrAddress, err)
		}
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDateWithValue(m.Date)
	msg.SetGenHeader(gomail.Header("Content-Language"), m.Language)
	msg.SetGenHeader(gomail.Header("X-Crossmeet-Key"), m.Key)
	msg.SetUserAgent("crossmeet")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	ct := gomail.ContentType("text/calendar; method=" + string(m.Method) + "; component=VEVENT")
	msg.AddAlternativeString(ct, string(m.Calendar), gomail.WithPartEncoding(gomail.EncodingB64))
	return msg, nil
}

// WriteEML writes the message as an RFC 5322 file (.eml).
func (m *Message) WriteEML(w io.Writer, from string) error {
	msg, err := m.Mail(from)
	if err != nil {
		return err
	}
	_, err = msg.WriteTo(w)
	return err
}

// EML returns the message as an .eml file.
func (m *Message) EML(from string) ([]byte, error) {
	var b bytes.Buffer
	if err := m.WriteEML(&b, from); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// FileName is a name for the message's .eml: its position, kind and key.
func (m *Message) FileName(n int) string {
	key := strings.NewReplacer("/", "-", "@", "-").Replace(m.Key)
	return fmt.Sprintf("%03d-%s-%s.eml", n, m.Kind, key)
}
