package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean makes a value from the input safe inside one line of text: every
// rune that would break the line or disguise it — C0 and C1 controls
// (LF, CR, NUL, NEL, …), DEL, the line and paragraph separators, the
// bidirectional overrides and isolates, a byte-order mark — is replaced
// by its escape as Go writes it (\n, \x00, \u2028), and invalid UTF-8 by
// U+FFFD. plan.txt and the command's output pass every name, id and
// reason through it, as the calendars escape theirs, so that no input
// can add a line or a field.
func Clean(s string) string {
	if !strings.ContainsFunc(s, unsafe) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteRune(utf8.RuneError)
		case unsafe(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp) ||
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFEFF
}
