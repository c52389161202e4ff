package travel

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testFeedFiles is a small feed that exercises every search rule:
// platforms b1, b2 of station b, a weekday, a weekend and a Friday-only
// service, a holiday swap on 2027-05-17 and a trip past midnight.
var testFeedFiles = map[string]string{
	"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nx,Test,https://example.org,Europe/Stockholm\n",
	"stops.txt": "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n" +
		"a,Alpha,63.0,14.0,,\n" +
		"b,Beta,63.1,13.5,1,\n" +
		"b1,Beta,63.1,13.5,0,b\n" +
		"b2,Beta,63.1,13.5,0,b\n" +
		"c,Gamma,63.2,13.0,,\n" +
		"d,Delta,63.3,12.5,,\n",
	"routes.txt": "route_id,route_short_name,route_type,co2_g_pkm\nr,R,2,\nz,Z,3,100\n",
	"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n" +
		"wk,1,1,1,1,1,0,0,20270101,20271231\n" +
		"we,0,0,0,0,0,1,1,20270101,20271231\n" +
		"fri,0,0,0,0,1,0,0,20270101,20271231\n",
	"calendar_dates.txt": "service_id,date,exception_type\nwk,20270517,2\nwe,20270517,1\n",
	"trips.txt":          "route_id,service_id,trip_id\nr,wk,t1\nr,wk,t2\nr,wk,t3\nr,we,t4\nr,fri,t5\nr,wk,t6\nz,wk,t7\n",
	"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n" +
		"t1,08:00:00,08:00:00,a,1,,\n" +
		"t1,08:30:00,08:30:00,b1,2,,\n" +
		"t1,09:00:00,09:00:00,c,3,,\n" +
		"t2,08:35:00,08:35:00,b2,1,,\n" +
		"t2,09:00:00,09:00:00,d,2,,\n" +
		"t3,09:30:00,09:30:00,b1,1,,\n" +
		"t3,10:00:00,10:00:00,d,2,,\n" +
		"t4,10:00:00,10:00:00,a,1,,\n" +
		"t4,11:00:00,11:00:00,c,2,,\n" +
		"t5,23:50:00,23:50:00,a,1,,\n" +
		"t5,24:20:00,24:20:00,b1,2,,\n" +
		"t5,24:30:00,24:30:00,c,3,,\n" +
		"t6,09:04:00,09:04:00,c,1,,\n" +
		"t6,09:30:00,09:30:00,d,2,,\n" +
		"t7,08:10:00,08:10:00,a,1,,\n" +
		"t7,10:30:00,10:30:00,d,2,,\n",
}

// testFS returns the test feed with some files replaced (or, for an
// empty string, removed).
func testFS(over map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for k, v := range testFeedFiles {
		fsys["feed/"+k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range over {
		if v == "" {
			delete(fsys, "feed/"+k)
			continue
		}
		fsys["feed/"+k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func testFeed(t testing.TB, over map[string]string) *Feed {
	t.Helper()
	f, err := LoadGTFSFS(testFS(over), "feed")
	if err != nil {
		t.Fatalf("LoadGTFSFS: %v", err)
	}
	return f
}

// TestRadixSortIsStable compares radixSort with the standard library's
// stable sort, on inputs small enough for one part and large enough to
// be cut into one part per processor, with many ties.
func TestRadixSortIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for _, tc := range []struct {
		name   string
		n      int
		spread int32
	}{
		{"empty", 0, 1},
		{"small, all tied", 1000, 1},
		{"small", 5000, 1 << 30},
		{"large, many ties", 300_000, 1000},
		{"large, both halves of the key", 1 << 19, 1<<31 - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := make([]conn, tc.n)
			for i := range cs {
				cs[i] = conn{dep: r.Int32N(tc.spread), st: int32(i)}
			}
			want := slices.Clone(cs)
			slices.SortStableFunc(want, func(a, b conn) int { return cmp.Compare(a.dep, b.dep) })
			radixSort(cs, make([]conn, len(cs)), func(c *conn) int32 { return c.dep })
			require.Equal(t, want, cs)
		})
	}
}

// TestServiceDays: the first and last date any service runs, from
// calendar.txt and calendar_dates.txt together.
func TestServiceDays(t *testing.T) {
	cal := "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
	for _, tc := range []struct {
		name        string
		over        map[string]string
		first, last string // "" for none
	}{
		{"calendar ranges", nil, "2027-01-01", "2027-12-31"},
		{"range ends off its weekdays", map[string]string{
			// 2027-03-06 is a Saturday, 2027-03-14 a Sunday: the weekday
			// service runs from Monday the 8th to Friday the 12th.
			"calendar.txt":       cal + "wk,1,1,1,1,1,0,0,20270306,20270314\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "",
		}, "2027-03-08", "2027-03-12"},
		{"added dates extend, removed dates shrink", map[string]string{
			"calendar.txt":       cal + "wk,1,1,1,1,1,0,0,20270308,20270312\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "service_id,date,exception_type\nwk,20270308,2\nwe,20270320,1\n",
		}, "2027-03-09", "2027-03-20"},
		{"calendar_dates only", map[string]string{
			"calendar.txt":       "",
			"calendar_dates.txt": "service_id,date,exception_type\nwk,20280229,1\nwe,20271231,1\nfri,20280101,1\n",
		}, "2027-12-31", "2028-02-29"},
		// Spans past maxBitsDays are read day by day, without a bitmap.
		{"a century of weekdays", map[string]string{
			"calendar.txt":       cal + "wk,1,1,1,1,1,0,0,20000101,20991231\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "",
		}, "2000-01-03", "2099-12-31"},
		{"a century of Mondays, the first ten and the last removed", map[string]string{
			"calendar.txt": cal + "wk,1,0,0,0,0,0,0,20000101,20991231\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "service_id,date,exception_type\n" +
				"wk,20000103,2\nwk,20000110,2\nwk,20000117,2\nwk,20000124,2\nwk,20000131,2\n" +
				"wk,20000207,2\nwk,20000214,2\nwk,20000221,2\nwk,20000228,2\nwk,20000306,2\nwk,20991228,2\n",
		}, "2000-03-13", "2099-12-21"},
		{"year 1 to 9999", map[string]string{
			"calendar.txt":       cal + "wk,1,1,1,1,1,1,1,00010101,99991231\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "",
		}, "0001-01-01", "9999-12-31"},
		{"no service runs", map[string]string{
			"calendar.txt":       cal + "wk,0,0,0,0,0,0,0,20270101,20271231\nwe,0,0,0,0,0,0,0,20270101,20271231\nfri,0,0,0,0,0,0,0,20270101,20271231\n",
			"calendar_dates.txt": "",
		}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := testFeed(t, tc.over)
			first, last, ok := f.ServiceDays()
			if tc.first == "" {
				require.False(t, ok, "ServiceDays = %v, %v", first, last)
				return
			}
			require.True(t, ok)
			require.Equal(t, tc.first, first.Format(time.DateOnly))
			require.Equal(t, tc.last, last.Format(time.DateOnly))
			require.Equal(t, f.Location(), first.Location())
			require.Zero(t, first.Hour()+first.Minute())
			if strings.HasPrefix(tc.name, "a century of weekdays") {
				// The trips of the long service run on a Tuesday of 2027,
				// not on a Saturday.
				ctx := context.Background()
				j, err := f.EarliestArrival(ctx, "a", "d", at(t, f, "2027-03-09 07:00"), SearchOptions{})
				require.NoError(t, err)
				assert.Equal(t, "2027-03-09", j.Legs[0].Depart.Format(time.DateOnly))
				j, err = f.EarliestArrival(ctx, "a", "b", at(t, f, "2027-03-13 07:00"), SearchOptions{})
				if err == nil {
					assert.NotEqual(t, "2027-03-13", j.Legs[0].Depart.Format(time.DateOnly), "no weekday trip on a Saturday")
				}
			}
		})
	}
}

// TestFoldKeyIsEqualFold: two strings share a foldKey exactly when
// strings.EqualFold says they are equal, on named cases and on seeded
// random strings over letters whose case folding is unusual.
func TestFoldKeyIsEqualFold(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Östersund C", "östersund c"}, {"TRONDHEIM S", "trondheim s"}, {"Kelvin", "\u212aelvin"},
		{"straße", "STRASSE"}, {"ſ", "S"}, {"Ærlig", "ærlig"}, {"Åre", "Are"}, {"", ""},
	} {
		assert.Equal(t, strings.EqualFold(tc.a, tc.b), foldKey(tc.a) == foldKey(tc.b), "%q %q", tc.a, tc.b)
	}
	alphabet := []rune("aAbBsSſkK\u212aåÅæÆøØöÖßẞσςΣ ")
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		n := r.IntN(5)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		a, b := word(), word()
		if strings.EqualFold(a, b) != (foldKey(a) == foldKey(b)) {
			t.Fatalf("%q and %q: EqualFold %v, foldKey %q %q", a, b, strings.EqualFold(a, b), foldKey(a), foldKey(b))
		}
	}
}
