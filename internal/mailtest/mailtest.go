// Package mailtest reads e-mail messages for the tests of the invitation
// work with the standard library only (not go-mail, which writes them):
// the header, the shape of the MIME tree and its decoded leaves, and the
// unfolded lines of a calendar part. Only tests import it.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A Part is one leaf of a MIME message, decoded.
type Part struct {
	MediaType string
	Params    map[string]string
	Body      []byte
}

// Parse reads a message: its header, the MIME tree's shape as
// "multipart/alternative(text/plain,text/calendar)", and its leaves in
// order. A malformed message fails t.
func Parse(t testing.TB, data []byte) (mail.Header, string, []Part) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	require.NoError(t, err)
	var parts []Part
	var walk func(h interface{ Get(string) string }, r io.Reader) string
	walk = func(h interface{ Get(string) string }, r io.Reader) string {
		mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
		require.NoError(t, err)
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(r, params["boundary"])
			var kids []string
			for {
				p, err := mr.NextRawPart()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err)
				kids = append(kids, walk(p.Header, p))
			}
			return mt + "(" + strings.Join(kids, ",") + ")"
		}
		switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, r)
		case "quoted-printable":
			r = quotedprintable.NewReader(r)
		}
		body, err := io.ReadAll(r)
		require.NoError(t, err)
		parts = append(parts, Part{mt, params, body})
		return mt
	}
	shape := walk(msg.Header, msg.Body)
	return msg.Header, shape, parts
}

// CalendarLines unfolds a calendar (RFC 5545 3.1) into its content lines.
func CalendarLines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n ", ""), "\r\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
