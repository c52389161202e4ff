package csvtable

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// An Encoding is how a CSV file's bytes were written.
type Encoding string

// The encodings Decode recognises. Spreadsheet programs write UTF-8 (with
// or without a byte-order mark), "Unicode text" as UTF-16 with a
// byte-order mark, and, in a Nordic locale, Windows-1252 when asked for
// plain CSV.
const (
	UTF8        Encoding = "UTF-8"
	UTF16LE     Encoding = "UTF-16LE"
	UTF16BE     Encoding = "UTF-16BE"
	Windows1252 Encoding = "Windows-1252"
)

// Decode returns data as UTF-8 without a byte-order mark, and the
// encoding it was in: UTF-8 with or without a mark, UTF-16 with a mark
// (little or big endian), and otherwise, when the bytes are not valid
// UTF-8, Windows-1252 (a superset of ISO 8859-1 for text, and what Excel
// writes as "CSV" in Swedish and Norwegian Windows). Windows-1252 can
// decode any byte string, so a file that is neither is read as it and
// the caller should say so. A file that holds valid UTF-8 letters beside
// bytes that are not (two programs wrote it) is returned as it is, so
// that the caller's UTF-8 check names the broken cell.
func Decode(data []byte) ([]byte, Encoding, error) {
	switch {
	case bytes.HasPrefix(data, bom):
		data = data[len(bom):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return fromUTF16(data[2:], false), UTF16LE, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return fromUTF16(data[2:], true), UTF16BE, nil
	}
	if utf8.Valid(data) || hasUTF8(data) {
		// Valid, or UTF-8 with some bytes broken: a mix is no single
		// encoding, and the cell checks say where it breaks.
		return data, UTF8, nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", err
	}
	return out, Windows1252, nil
}

// hasUTF8 reports whether data holds a valid multi-byte UTF-8 sequence:
// text in Windows-1252 practically never does (it would need a letter
// such as Ã or Â followed by a symbol from 0x80–0xBF).
func hasUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && n > 1 {
			return true
		}
		i += n
	}
	return false
}

func fromUTF16(data []byte, bigEndian bool) []byte {
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	var b bytes.Buffer
	b.Grow(len(units))
	for _, r := range utf16.Decode(units) {
		b.WriteRune(r)
	}
	return b.Bytes()
}

// Separator guesses a CSV file's field separator from its header line:
// the one of , ; and tab that occurs most often outside double quotes.
// Excel in a Nordic locale writes ';', because ',' is the decimal mark
// there; "Unicode text" exports use tab. A header with none of them is
// one column, and ',' is as good as any.
//
// A header line longer than what the caller passes is judged on what it
// has; Open passes up to 64 KiB.
func Separator(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		switch c {
		case ',', ';', '\t':
			counts[rune(c)]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}
