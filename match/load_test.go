package match

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadStartups(t *testing.T) {
	in := "\ufeffid,Name,country,home,industry,needs,wishes,languages,team,notes\n" +
		`S01,Fjällhälsa AB,se,ostersund-c,medtech; hälsa,procurement,"org:St. Olavs hospital; ROLE:investor;tag:medtech;person:Kari Nordmann;someone in export",svenska;en,"Anna Berg <anna@x.example>; per@x.example; Bo"` + "\n" +
		",,,,,,,,,\n" + // blank rows are skipped
		"S02,,NO,,,,,,,\n"
	got, warnings, err := LoadStartups(strings.NewReader(in), "startups.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Startup{{
		ID: "S01", Name: "Fjällhälsa AB", Country: "SE", Home: "ostersund-c",
		Industry: []string{"medtech", "hälsa"}, Needs: []string{"procurement"},
		Languages: []string{"sv", "en"},
		Wishes: []Wish{
			{OrgWish, "St. Olavs hospital", 1}, {RoleWish, "investor", 2}, {TagWish, "medtech", 3},
			{PersonWish, "Kari Nordmann", 4}, {TextWish, "someone in export", 5},
		},
		Team: []Person{{"Anna Berg", "anna@x.example"}, {"", "per@x.example"}, {"Bo", ""}},
	}, {ID: "S02", Name: "S02", Country: "NO"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `startups.csv:1:10: unknown column "notes"`) {
		t.Errorf("warnings = %q, want one about notes at 1:10", warnings)
	}
}

func TestLoadContacts(t *testing.T) {
	in := "id,name,email,organisation,role,tags,languages,place,lat,lon,country,capacity,available,gender\n" +
		"C01,Kari Hansen,kari@x.example,St. Olavs hospital,Innkjøpssjef,innkjøp;helse,norsk;en,,63.42,10.39,no,3,mon-fri 09:00-15:00;2027-03-09 08:00-10:00,F\n" +
		"C02,,,,,,,trondheim,,,,,,\n"
	got, warnings, err := LoadContacts(strings.NewReader(in), "contacts.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %q", warnings)
	}
	want := []Contact{{
		ID: "C01", Name: "Kari Hansen", Email: "kari@x.example", Organization: "St. Olavs hospital",
		Role: "Innkjøpssjef", Tags: []string{"innkjøp", "helse"}, Languages: []string{"no", "en"},
		Lat: 63.42, Lon: 10.39, HasCoords: true, Country: "NO", Capacity: 3, Gender: "f",
		Available: []Window{
			{Days: 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday, Start: 9 * 60, End: 15 * 60},
			{Year: 2027, Month: time.March, Day: 9, Start: 8 * 60, End: 10 * 60},
		},
	}, {ID: "C02", Name: "C02", Place: "trondheim"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	const sh = "id,name,country,team,wishes,languages\n"
	const ch = "id,email,lat,lon,capacity,available,gender,country\n"
	tests := []struct {
		name, file, in string
		line, col      int
		field          string
		sentinel       error
		contacts       bool
	}{
		{"empty file", "s.csv", "", 1, 0, "", ErrMissingColumn, false},
		{"no id column", "s.csv", "name\nx\n", 1, 0, "id", ErrMissingColumn, false},
		{"empty id", "s.csv", sh + ",A,SE,,,\n", 2, 1, "id", ErrBadCell, false},
		{"duplicate id", "s.csv", sh + "S1,A,SE,,,\nS1,B,SE,,,\n", 3, 1, "id", ErrDuplicateID, false},
		{"bad country", "s.csv", sh + "S1,A,Sweden,,,\n", 2, 3, "country", ErrBadCell, false},
		{"team without closing bracket", "s.csv", sh + "S1,A,SE,Anna <anna@x.example,,\n", 2, 4, "team", ErrBadCell, false},
		{"team e-mail without at", "s.csv", sh + "S1,A,SE,Anna <anna.x.example>,,\n", 2, 4, "team", ErrBadCell, false},
		{"wish naming nothing", "s.csv", sh + "S1,A,SE,,org: ;,\n", 2, 5, "wishes", ErrBadCell, false},
		{"too many fields", "s.csv", sh + "S1,A,SE,,,,extra\n", 2, 7, "", ErrBadCell, false},
		{"bare quote", "s.csv", sh + "S1,A\"b,SE,,,\n", 2, 5, "", ErrBadCell, false},
		{"duplicate column", "s.csv", "id,id\nS1,S1\n", 1, 2, "id", ErrBadCell, false},
		{"bad capacity", "c.csv", ch + "C1,,,,two,,,\n", 2, 5, "capacity", ErrBadCell, true},
		{"negative capacity", "c.csv", ch + "C1,,,,-1,,,\n", 2, 5, "capacity", ErrBadCell, true},
		{"bad window", "c.csv", ch + "C1,,,,,mon-fri 9-17,,\n", 2, 6, "available", ErrBadWindow, true},
		{"lat without lon", "c.csv", ch + "C1,,63.4,,,,,\n", 2, 4, "lon", ErrBadCell, true},
		{"lat out of range", "c.csv", ch + "C1,,93.4,10,,,,\n", 2, 3, "lat", ErrBadCell, true},
		{"bad gender", "c.csv", ch + "C1,,,,,,female,\n", 2, 7, "gender", ErrBadCell, true},
		{"bad email", "c.csv", ch + "C1,kari,,,,,,\n", 2, 2, "email", ErrBadCell, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.contacts {
				_, _, err = LoadContacts(strings.NewReader(tt.in), tt.file)
			} else {
				_, _, err = LoadStartups(strings.NewReader(tt.in), tt.file)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.File != tt.file || pe.Line != tt.line || pe.Column != tt.col || pe.Field != tt.field {
				t.Errorf("located at %s:%d:%d (%s), want %s:%d:%d (%s): %v", pe.File, pe.Line, pe.Column, pe.Field, tt.file, tt.line, tt.col, tt.field, err)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("err = %v, want it to wrap %v", err, tt.sentinel)
			}
			if !strings.HasPrefix(err.Error(), tt.file+":") {
				t.Errorf("message %q does not start with the file name", err)
			}
		})
	}
}

func TestParseWish(t *testing.T) {
	tests := []struct {
		in   string
		want Wish
		bad  bool
	}{
		{in: "person:Kari Nordmann", want: Wish{Kind: PersonWish, Text: "Kari Nordmann"}},
		{in: "org: Equinor ", want: Wish{Kind: OrgWish, Text: "Equinor"}},
		{in: "Organisation:NTNU", want: Wish{Kind: OrgWish, Text: "NTNU"}},
		{in: "role:procurement manager", want: Wish{Kind: RoleWish, Text: "procurement manager"}},
		{in: "TAG:medtech", want: Wish{Kind: TagWish, Text: "medtech"}},
		{in: "an investor in medtech", want: Wish{Kind: TextWish, Text: "an investor in medtech"}},
		{in: "see: https://example.org", want: Wish{Kind: TextWish, Text: "see: https://example.org"}},
		{in: "org:", bad: true},
		{in: "  ", bad: true},
		{in: "?!", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWish(tt.in)
			if tt.bad {
				if !errors.Is(err, ErrBadCell) {
					t.Errorf("ParseWish(%q) error = %v, want ErrBadCell", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseWish(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

// FuzzLoaders feeds arbitrary bytes to both loaders: they must never
// panic, an error must be a located *ParseError, and what loads must
// hold its invariants.
func FuzzLoaders(f *testing.F) {
	f.Add("id,name,wishes,team\nS1,A,org:X;tag:y,A <a@b>\n")
	f.Add("id,lat,lon,available,capacity,gender\nC1,1,2,mon-fri 09:00-10:00,2,f\n")
	f.Add("\ufeffid,\"na\nme\"\n\"x\",\"y\"\"\"\n")
	f.Add("id\n\xff\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, _, err := LoadStartups(strings.NewReader(in), "s.csv")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "s.csv" {
				t.Fatalf("startups: %v is not a located error", err)
			}
		}
		for _, s := range ss {
			if s.ID == "" || s.Name == "" {
				t.Fatalf("startup without id or name: %+v", s)
			}
			for i, w := range s.Wishes {
				if w.Priority != i+1 {
					t.Fatalf("wish %d has priority %d", i, w.Priority)
				}
			}
		}
		cs, _, err := LoadContacts(strings.NewReader(in), "c.csv")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "c.csv" {
				t.Fatalf("contacts: %v is not a located error", err)
			}
		}
		for _, c := range cs {
			if c.Capacity < 0 || c.Lat < -90 || c.Lat > 90 {
				t.Fatalf("contact out of range: %+v", c)
			}
			for _, w := range c.Available {
				if w.Start >= w.End {
					t.Fatalf("empty window %+v", w)
				}
			}
		}
	})
}

func TestLoadStartupsFounders(t *testing.T) {
	s, _, err := LoadStartups(strings.NewReader("id,name,country,founders\nS01,A,SE,F;m\n"), "startups.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s[0].Founders, ";"); got != "f;m" {
		t.Errorf("founders %q, want f;m", got)
	}
	_, _, err = LoadStartups(strings.NewReader("id,name,country,founders\nS01,A,SE,woman\n"), "startups.csv")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Field != "founders" {
		t.Errorf("got %v, want an error at startups.csv:2 founders", err)
	}
}
