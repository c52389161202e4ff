package program

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reserved are ids that cannot name a participant: the coordinator's
// calendar file, and names Windows cannot use for a file.
var reserved = map[string]bool{
	"coordinator": true,
	"con":         true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// checkID checks that an id of a start-up, contact or trip is safe as a
// file name and in text: ASCII letters and digits, then also '.', '_'
// and '-', at most MaxID bytes, not a reserved name. Uniqueness is
// checked by the caller.
func checkID(id string) error {
	if id == "" {
		return fmt.Errorf("the id is empty")
	}
	if len(id) > MaxID {
		return fmt.Errorf("id %s is %d bytes long; at most %d", quote(id), len(id), MaxID)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')
		if !ok {
			return fmt.Errorf("id %s: use ASCII letters and digits, then also '.', '_' or '-' (ids name calendar files)", quote(id))
		}
	}
	base, _, _ := strings.Cut(strings.ToLower(id), ".")
	if reserved[base] {
		return fmt.Errorf("id %s is reserved (a calendar or file name); choose another", quote(id))
	}
	return nil
}

// checkEmail checks an e-mail address for the calendars: one @ with a
// local part and a domain, no white space, controls or the characters
// <>"(),;:\[] that a calendar address or mail header cannot hold
// unquoted, and a domain of non-empty dot-separated labels.
func checkEmail(s string) error {
	bad := fmt.Errorf("%s is not an e-mail address like name@example.org", quote(s))
	if s == "" || len(s) > 254 || !utf8.ValidString(s) {
		return bad
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || !unicode.IsPrint(r) || strings.ContainsRune(`<>"(),;:\[]`, r)
	}) {
		return bad
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return bad
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return bad
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return bad
		}
	}
	return nil
}

// checkText checks a name or other free text for control characters,
// which no name needs (the text outputs would escape them anyway).
func checkText(s string, limit int) error {
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Errorf("%d characters long; at most %d", n, limit)
	}
	if strings.ContainsFunc(s, unsafeRune) {
		return fmt.Errorf("%s holds a control character or line break", quote(s))
	}
	return nil
}

// unsafeRune reports a rune that breaks or disguises a line of text:
// controls (C0, DEL, C1 with NEL), line and paragraph separators, and the
// bidirectional overrides and isolates.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp) ||
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFEFF
}
