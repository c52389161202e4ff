package csvtable

import (
	"bytes"
	"errors"
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

// ErrBinary reports a file that holds NUL bytes outside UTF-16: no CSV
// file does, and no conversion would make it one.
var ErrBinary = errors.New("the file holds NUL bytes; it is not a text file")

// Decode returns data as UTF-8 without a byte-order mark, and the
// encoding it was in: UTF-8 with or without a mark, UTF-16 with a mark
// (little or big endian), and otherwise, when the bytes are not valid
// UTF-8, Windows-1252 (a superset of ISO 8859-1 for text, and what Excel
// writes as "CSV" in Swedish and Norwegian Windows). Windows-1252 can
// decode any byte string, so a file that is neither is read as it and
// the caller should say so.
func Decode(data []byte) ([]byte, Encoding, error) {
	switch {
	case bytes.HasPrefix(data, bom):
		data = data[len(bom):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return fromUTF16(data[2:], false), UTF16LE, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return fromUTF16(data[2:], true), UTF16BE, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, "", ErrBinary
	}
	if utf8.Valid(data) {
		return data, UTF8, nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", err
	}
	return out, Windows1252, nil
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
