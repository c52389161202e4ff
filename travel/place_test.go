package travel

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestLoadPlaces(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []string // id/name/kind/country/stop/zone
		warnings int
		line     int
		field    string
		err      error
	}{
		{name: "all columns, BOM, CRLF, quoted",
			in:   "\uFEFFid,name,kind,lat,lon,country,gtfs_stop_id,timezone\r\ntrondheim-s,\"Trondheim S, stasjon\",station,63.436,10.399,no,trondheim-s,Europe/Oslo\r\n",
			want: []string{"trondheim-s/Trondheim S, stasjon/station/NO/trondheim-s/Europe/Oslo"}},
		{name: "columns in any order, optional ones absent",
			in:   "lon,lat,name,id\n14.645,63.172,Östersund C,ostersund-c\n",
			want: []string{"ostersund-c/Östersund C////"}},
		{name: "unknown column warned",
			in:   "id,name,lat,lon,colour\nx,X,1,2,red\n",
			want: []string{"x/X////"}, warnings: 1},
		{name: "missing column", in: "id,name,lat\nx,X,1\n", line: 1, field: "lon", err: ErrMissingColumn},
		{name: "bad latitude", in: "id,name,lat,lon\nx,X,1,2\ny,Y,north,2\n", line: 3, field: "lat", err: ErrBadValue},
		{name: "bad kind", in: "id,name,kind,lat,lon\nx,X,castle,1,2\n", line: 2, field: "kind", err: ErrBadValue},
		{name: "duplicate id", in: "id,name,lat,lon\nx,X,1,2\nx,Y,1,2\n", line: 3, field: "id", err: ErrDuplicateID},
		{name: "bad zone", in: "id,name,lat,lon,timezone\nx,X,1,2,Mars/Olympus\n", line: 2, field: "timezone", err: ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, warns, err := LoadPlaces(strings.NewReader(tt.in), "places.csv")
			if tt.err != nil {
				var pe *ParseError
				if !errors.Is(err, tt.err) || !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field || pe.File != "places.csv" {
					t.Fatalf("err = %v, want %v at places.csv:%d field %s", err, tt.err, tt.line, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				zone := ""
				if p.TimeZone != nil {
					zone = p.TimeZone.String()
				}
				got = append(got, strings.Join([]string{p.ID, p.Name, p.Kind, p.Country, p.StopID, zone}, "/"))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(warns) != tt.warnings {
				t.Errorf("warnings %q, want %d", warns, tt.warnings)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name   string
		a, b   Place
		wantKm float64
		tol    float64
	}{
		{"same place", Place{Lat: 63.4, Lon: 10.4}, Place{Lat: 63.4, Lon: 10.4}, 0, 1e-9},
		// One degree of latitude on a sphere of radius 6371.0088 km is
		// 2π × 6371.0088 / 360 = 111.195 km.
		{"one degree north", Place{Lat: 63, Lon: 10}, Place{Lat: 64, Lon: 10}, 111.195, 0.001},
		// Quarter of a great circle: π/2 × 6371.0088 = 10007.557 km.
		{"pole to equator", Place{Lat: 90}, Place{Lat: 0, Lon: 45}, 10007.557, 0.001},
		// Östersund C to Trondheim S, flat estimate: Δlat 0.264° = 29.4 km,
		// Δlon 4.246° × 111.2 km × cos 63.3° = 212.2 km, together 214.2 km.
		{"Östersund to Trondheim", Place{Lat: 63.172, Lon: 14.645}, Place{Lat: 63.436, Lon: 10.399}, 214, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); math.Abs(got-tt.wantKm) > tt.tol {
				t.Errorf("got %.3f km, want %.3f ± %g", got, tt.wantKm, tt.tol)
			}
		})
	}
}

func TestRoadLeg(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	// a and b are 0.1° of latitude apart: 11.1195 km great-circle,
	// 14.455 km with the detour 1.3.
	a := Place{ID: "a", Name: "A", Lat: 63.4, Lon: 10.4, TimeZone: oslo}
	b := Place{ID: "b", Name: "B", Lat: 63.5, Lon: 10.4}
	depart := time.Date(2027, 3, 9, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		road    *Road
		mode    Mode
		wantKm  float64
		wantDur time.Duration
		wantKg  float64
		err     error
	}{
		// 14.455 km at 70 km/h = 12.4 min, up to 13; 170 g/vkm.
		{name: "car, defaults", road: &Road{}, mode: Car, wantKm: 14.455, wantDur: 13 * time.Minute, wantKg: 14.455 * 0.170},
		{name: "nil road is the zero road", road: nil, mode: Car, wantKm: 14.455, wantDur: 13 * time.Minute, wantKg: 14.455 * 0.170},
		// 14.455 km at 40 km/h = 21.7 min, up to 22.
		{name: "taxi, electric", road: &Road{Factors: Factors{Taxi: Electric}}, mode: Taxi, wantKm: 14.455, wantDur: 22 * time.Minute, wantKg: 14.455 * 0.014},
		// 14.455 km at 4.5 km/h = 192.7 min, up to 193.
		{name: "walk", road: &Road{}, mode: Walk, wantKm: 14.455, wantDur: 193 * time.Minute, wantKg: 0},
		// 11.1195 × 1.5 = 16.679 km at 60 km/h = 16.7 min, up to 17; diesel 154 g.
		{name: "own detour, speed and fuel", road: &Road{Detour: 1.5, Speeds: map[Mode]float64{Car: 60}, Factors: Factors{Car: Diesel}}, mode: Car, wantKm: 16.679, wantDur: 17 * time.Minute, wantKg: 16.679 * 0.154},
		{name: "measured, reverse direction", road: &Road{Measured: map[RoadKey]Measure{{Car, "b", "a"}: {Km: 20, Time: 25 * time.Minute}}}, mode: Car, wantKm: 20, wantDur: 25 * time.Minute, wantKg: 20 * 0.170},
		{name: "train is not a road mode", road: &Road{}, mode: Train, err: ErrNoRoad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := tt.road.Leg(tt.mode, a, b, depart)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(l.Km-tt.wantKm) > 0.01 || l.Duration() != tt.wantDur || math.Abs(l.CO2Kg-tt.wantKg) > 0.002 {
				t.Errorf("got %.3f km, %s, %.3f kg; want %.3f km, %s, %.3f kg", l.Km, l.Duration(), l.CO2Kg, tt.wantKm, tt.wantDur, tt.wantKg)
			}
			if l.Depart.Location() != oslo || l.From != "a" || l.To != "b" || l.Mode != tt.mode {
				t.Errorf("got %+v", l)
			}
		})
	}
}

func TestFactors(t *testing.T) {
	tests := []struct {
		name       string
		f          Factors
		mode       Mode
		km         float64
		want       float64
		perVehicle bool
	}{
		{"zero value: electric train", Factors{}, Train, 100, 0.7, false},
		{"coach", Factors{}, Bus, 100, 2.7, false},
		{"petrol car by default", Factors{}, Car, 100, 17, true},
		{"diesel car", Factors{Car: Diesel}, Car, 100, 15.4, true},
		{"electric car", Factors{Car: Electric}, Car, 100, 1.4, true},
		{"taxi follows the car", Factors{Car: Electric}, Taxi, 100, 1.4, true},
		{"override", Factors{GramsPerKm: map[Mode]float64{Train: 91}}, Train, 100, 9.1, false},
		{"walk", Factors{}, Walk, 5, 0, false},
		{"unknown mode", Factors{}, Mode("rocket"), 100, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Kg(tt.mode, tt.km); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Kg = %v, want %v", got, tt.want)
			}
			if got := tt.f.PerVehicle(tt.mode); got != tt.perVehicle {
				t.Errorf("PerVehicle = %v, want %v", got, tt.perVehicle)
			}
		})
	}
	var f Factors
	shares := []struct {
		mode       Mode
		kg         float64
		travellers int
		want       float64
	}{
		{Car, 30, 3, 10}, {Taxi, 2, 4, 0.5}, {Car, 30, 0, 30}, {Train, 1.5, 3, 1.5},
	}
	for _, s := range shares {
		if got := f.Share(s.mode, s.kg, s.travellers); got != s.want {
			t.Errorf("Share(%s, %v, %d) = %v, want %v", s.mode, s.kg, s.travellers, got, s.want)
		}
	}
	for in, want := range map[string]Fuel{"": Petrol, "Diesel": Diesel, "ev": Electric, "electric": Electric} {
		if got, err := ParseFuel(in); got != want || err != nil {
			t.Errorf("ParseFuel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFuel("coal"); !errors.Is(err, ErrBadValue) {
		t.Errorf("ParseFuel(coal): err = %v, want ErrBadValue", err)
	}
}

func TestJourneyTotals(t *testing.T) {
	t0 := time.Date(2027, 3, 9, 6, 30, 0, 0, time.UTC)
	j := Journey{Legs: []Leg{
		{Mode: Walk, Depart: t0, Arrive: t0.Add(5 * time.Minute), Km: 0.4},
		{Mode: Train, Depart: t0.Add(10 * time.Minute), Arrive: t0.Add(2 * time.Hour), Km: 130, CO2Kg: 0.91},
		{Mode: Train, Depart: t0.Add(135 * time.Minute), Arrive: t0.Add(4 * time.Hour), Km: 90, CO2Kg: 8.19},
		{Mode: Taxi, Depart: t0.Add(245 * time.Minute), Arrive: t0.Add(255 * time.Minute), Km: 3, CO2Kg: 0.51},
	}}
	if got := j.Duration(); got != 255*time.Minute {
		t.Errorf("Duration = %s, want 4h15m", got)
	}
	if got := j.Transfers(); got != 2 {
		t.Errorf("Transfers = %d, want 2 (walks do not count)", got)
	}
	if got := j.Km(); math.Abs(got-223.4) > 1e-9 {
		t.Errorf("Km = %v, want 223.4", got)
	}
	if got := j.CO2Kg(); math.Abs(got-9.61) > 1e-9 {
		t.Errorf("CO2Kg = %v, want 9.61", got)
	}
	var empty Journey
	if !empty.Depart().IsZero() || empty.Transfers() != 0 || empty.Duration() != 0 {
		t.Errorf("zero Journey: got %v, %d, %s", empty.Depart(), empty.Transfers(), empty.Duration())
	}
}

func TestLoadMeasured(t *testing.T) {
	m, err := LoadMeasured(strings.NewReader("mode,from,to,km,minutes\ncar,ostersund-c,are,100.5,75\n"), "roads.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := Measure{Km: 100.5, Time: 75 * time.Minute}
	if got := m[RoadKey{Car, "ostersund-c", "are"}]; got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	bad := []struct{ in, field string }{
		{"mode,from,to,km,minutes\ntrain,a,b,1,2\n", "mode"},
		{"mode,from,to,km,minutes\ncar,a,b,-1,2\n", "km"},
		{"mode,from,to,km,minutes\ncar,a,b,1,soon\n", "minutes"},
	}
	for _, b := range bad {
		_, err := LoadMeasured(strings.NewReader(b.in), "roads.csv")
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 2 || pe.Field != b.field || !errors.Is(err, ErrBadValue) {
			t.Errorf("%q: err = %v, want a bad %s on line 2", b.in, err, b.field)
		}
	}
}
