package csvtable_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
		enc  csvtable.Encoding
	}{
		{"utf-8", []byte("id;namn\nS01;Fjällhälsa\n"), "id;namn\nS01;Fjällhälsa\n", csvtable.UTF8},
		{"utf-8 with a mark", append([]byte{0xEF, 0xBB, 0xBF}, "id\nÅre\n"...), "id\nÅre\n", csvtable.UTF8},
		// Excel's "CSV (semikolonavgränsad)" in a Swedish Windows: å ä ö as single bytes.
		{"windows-1252", []byte("id;namn\nS01;Fj\xe4llh\xe4lsa \xd6stersund \xe5\xf8\xe6\n"), "id;namn\nS01;Fjällhälsa Östersund åøæ\n", csvtable.Windows1252},
		{"utf-16le with a mark", []byte{0xFF, 0xFE, 'i', 0, 'd', 0, '\t', 0, 0xE5, 0, '\n', 0}, "id\tå\n", csvtable.UTF16LE},
		{"utf-16be with a mark", []byte{0xFE, 0xFF, 0, 'i', 0, 'd', 0, '\n'}, "id\n", csvtable.UTF16BE},
		{"euro sign in windows-1252", []byte("pris\n100 \x80\n"), "pris\n100 €\n", csvtable.Windows1252},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := csvtable.Decode(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			assert.Equal(t, tc.enc, enc)
		})
	}
	// UTF-8 letters beside one Windows-1252 byte: no single encoding; the
	// bytes come back as they are, for the cell check to locate.
	mixed := []byte("id;namn\nS01;Fjällhälsa\nS02;Fj\xe4ll\n")
	got, enc, err := csvtable.Decode(mixed)
	require.NoError(t, err)
	assert.Equal(t, csvtable.UTF8, enc)
	assert.Equal(t, mixed, got)
}

func TestSeparator(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want rune
	}{
		{"comma", "id,name,country\nS01,A,SE\n", ','},
		{"semicolon from Excel in a Nordic locale", "id;name;country;wishes\nS01;A;SE;tag:a, tag:b\n", ';'},
		{"semicolons inside a quoted header cell", "id,\"a;b;c\",name\n", ','},
		{"tab", "id\tname\tcountry\n", '\t'},
		{"one column", "id\nS01\n", ','},
		{"crlf", "id;name\r\nS01;A\r\n", ';'},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, string(tc.want), string(csvtable.Separator([]byte(tc.in))))
		})
	}
}
