package report

import (
	"reflect"
	"regexp"
	"testing"
	"time"
)

var verb = regexp.MustCompile(`%(\[\d\])?[-0-9.]*[sdfv]`)

// TestCatalogComplete: every phrase is set in every language, with the
// same format verbs as in English.
func TestCatalogComplete(t *testing.T) {
	en := reflect.ValueOf(*catalog[English])
	for _, l := range Langs {
		w := reflect.ValueOf(*l.w())
		for i := 0; i < w.NumField(); i++ {
			f, name := w.Field(i), w.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", l, name)
				}
				if got, want := verb.FindAllString(f.String(), -1), verb.FindAllString(en.Field(i).String(), -1); len(got) != len(want) {
					t.Errorf("%s: %s has verbs %v, English %v", l, name, got, want)
				}
			case reflect.Array:
				for j := 0; j < f.Len(); j++ {
					if f.Index(j).String() == "" {
						t.Errorf("%s: %s[%d] is empty", l, name, j)
					}
				}
			case reflect.Map:
				for _, k := range en.Field(i).MapKeys() {
					if v := f.MapIndex(k); !v.IsValid() || v.String() == "" {
						t.Errorf("%s: %s[%s] is missing", l, name, k)
					}
				}
			}
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	cases := map[Lang]string{English: "Tuesday 9 March 2027", Swedish: "tisdag 9 mars 2027", Norwegian: "tirsdag 9. mars 2027"}
	for l, want := range cases {
		if got := l.date(d); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}

func TestReason(t *testing.T) {
	cases := []struct {
		in   string
		own  bool
		lang Lang
		want string
	}{
		{"wish 1: org Equinor", true, English, "your wish no. 1: someone from Equinor"},
		{"wish 2: person Håkon Løkken", false, Swedish, "deras önskemål nr 2: att träffa Håkon Løkken"},
		{"wish 3: role CEO", true, Norwegian, "deres ønske nr. 3: noen med rollen CEO"},
		{"wish 4: tag helse", true, English, "your wish no. 4: competence in helse"},
		{`wish 4: text "an investor in medtech" (medtech)`, true, English, "your wish no. 4: “an investor in medtech” (matched on medtech)"},
		{"wish 1: org Foo (Norway)", true, English, "your wish no. 1: someone from Foo (Norway)"},
		{"tags: energi, hydrogen", true, Swedish, "gemensamma områden: energi, hydrogen"},
		{"no shared language", true, English, "no language in common is listed"},
		{"pinned", true, Norwegian, "bestemt av koordinatoren"},
		{"something new", true, English, "something new"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := tc.lang.reason(tc.in, tc.own); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
	if wishOf("wish 12: tag x") != 12 || wishOf("tags: x") != 0 {
		t.Error("wishOf")
	}
}
