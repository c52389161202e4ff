package report

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

// The timeline of index.html: one lane per start-up and day, hours on
// the x axis.
const (
	tlLabel = 230.0 // px for the lane labels
	tlHour  = 44.0  // px per hour
	tlLane  = 26.0  // px per lane
	tlTop   = 24.0  // px above the first lane, for the hour ticks
)

// indexData is what templates/index.html shows.
type indexData struct {
	Lang, Title, Style, Footer string
	W                          indexWords

	Timeline svgBox
	Routes   svgBox
	CO2      []bar
	Meetings []bar
	Wishes   []bar
	Figures  [][2]string
	Notes    []note // what the coordinator must look at: stop, impossible trips, pins not held
	Trips    []indexTrip
	Legend   []legend
}

// indexWords are the headings of index.html in its language.
type indexWords struct {
	Timeline, Routes, Charts, CO2, AllCar, MeetingsPer, WishesMet, Meetings, Agendas, Notes, NotPossible string
}

type svgBox struct {
	W, H   float64
	Rects  []rect
	Lines  []line
	Texts  []text
	Points []point
}

type rect struct {
	X, Y, W, H float64
	Class, Tip string
}

type line struct {
	X1, Y1, X2, Y2 float64
	Class, Tip     string
}

type text struct {
	X, Y        float64
	Class, Text string
	Anchor      string
	Href        string
}

type point struct {
	X, Y float64
	Tip  string
}

// bar is one bar of a small chart: Pct of the chart's width.
type bar struct {
	Label, Value, Class string
	Pct                 float64
}

type legend struct{ Class, Label string }

// A note is a heading with its lines (either may be empty).
type note struct {
	Head  string
	Lines []string
}

type indexTrip struct {
	Head        string
	Figures     []string // people, emissions, guests, below minimum
	NotPossible []string
	Meetings    []indexMeeting
	Agendas     []agendaLink
}

type indexMeeting struct {
	Time, Startup, Contact, Place string
}

type agendaLink struct{ Href, Label string }

// Index renders index.html, the picture of the programme in its
// language: the timeline of every trip (one lane per start-up and day;
// bars for journeys coloured by mode, meetings, lunch and nights), a
// sketch of the routes drawn from the places' coordinates (no map), the
// indicators as small charts and figures, and every meeting with links
// to the agendas. It is one self-contained file.
func Index(p *schedule.Plan, dir schedule.Directory, o Options) ([]byte, error) {
	b := newBook(p, dir, o)
	l, w := b.lang, b.lang.w()
	in := b.indicators()
	d := indexData{
		Lang: string(l), Title: clean(p.Program), Style: style("index.css"),
		Footer: w.generated,
		W: indexWords{Timeline: w.iTimeline, Routes: w.iRoutes, Charts: w.iCharts, CO2: capital(w.iCO2), AllCar: w.iAllCar,
			MeetingsPer: w.iMeetingsPer, WishesMet: w.iWishesMet, Meetings: capital(w.meetings), Agendas: w.agendas,
			Notes: w.notes, NotPossible: w.notPossible},
		Figures: indicatorRows(l, in),
	}
	if d.Title == "" {
		d.Title = "crossmeet"
	}
	if p.Stop != "" {
		d.Notes = append(d.Notes, note{Head: l.stop(p.Stop)})
	}
	if len(p.Impossible) > 0 {
		n := note{Head: w.impossible}
		for _, it := range p.Impossible {
			for _, r := range it.Reasons {
				n.Lines = append(n.Lines, fmt.Sprintf(w.trip, clean(it.ID))+": "+l.notPossible(r))
			}
			if len(it.Reasons) == 0 {
				n.Lines = append(n.Lines, fmt.Sprintf(w.trip, clean(it.ID)))
			}
		}
		d.Notes = append(d.Notes, n)
	}
	if len(p.PinsNotHeld) > 0 {
		n := note{Head: w.pinsNotHeld}
		for _, u := range p.PinsNotHeld {
			n.Lines = append(n.Lines, b.pinLine(u))
		}
		d.Notes = append(d.Notes, n)
	}
	if len(p.LocksNotHeld) > 0 {
		n := note{Head: w.locksNotHeld}
		for _, u := range p.LocksNotHeld {
			n.Lines = append(n.Lines, b.pinLine(u))
		}
		d.Notes = append(d.Notes, n)
	}
	d.Timeline = b.timeline(l)
	d.Routes = b.routes(l)
	usedModes := map[string]bool{}
	for _, tp := range p.Trips {
		for _, lg := range tp.Legs {
			usedModes[lg.Mode] = true
		}
	}
	for _, m := range []string{"train", "bus", "ferry", "car", "taxi", "walk"} {
		if usedModes[m] {
			d.Legend = append(d.Legend, legend{Class: m, Label: l.mode(m)})
		}
	}
	d.Legend = append(d.Legend, legend{Class: "meet", Label: capital(w.meeting)}, legend{Class: "lunch", Label: w.lunch}, legend{Class: "night", Label: w.night})

	// CO2 by mode and of the hotel nights, the total against the
	// all-car figure.
	top := math.Max(in.AllCarKg, in.CO2Kg)
	modes := make([]string, 0, len(in.CO2KgByMode))
	for m := range in.CO2KgByMode {
		modes = append(modes, m)
	}
	sort.Strings(modes)
	for _, m := range modes {
		d.CO2 = append(d.CO2, bar{Label: l.mode(m), Value: l.dec(in.CO2KgByMode[m], 1) + " kg", Class: m, Pct: pct(in.CO2KgByMode[m], top)})
	}
	if in.HotelCO2Kg > 0 {
		d.CO2 = append(d.CO2, bar{Label: w.iHotel, Value: l.dec(in.HotelCO2Kg, 1) + " kg", Class: "night", Pct: pct(in.HotelCO2Kg, top)})
	}
	d.CO2 = append(d.CO2,
		bar{Label: w.iCO2, Value: l.dec(in.CO2Kg, 1) + " kg", Class: "total", Pct: pct(in.CO2Kg, top)},
		bar{Label: w.iAllCar, Value: l.dec(in.AllCarKg, 1) + " kg", Class: "car", Pct: pct(in.AllCarKg, top)})
	most := 1
	for _, s := range in.ByStartup {
		most = max(most, s.Meetings)
	}
	for _, s := range in.ByStartup {
		d.Meetings = append(d.Meetings, bar{Label: s.Name, Value: fmt.Sprint(s.Meetings), Class: "meet", Pct: pct(float64(s.Meetings), float64(most))})
	}
	for _, c := range []struct {
		label string
		c     Count
	}{{w.iWishesTop3, in.WishesTop3}, {w.iWishesAll, in.WishesAll}} {
		if c.c.Total == 0 {
			d.Wishes = append(d.Wishes, bar{Label: c.label, Value: fmt.Sprintf("%d (%s)", c.c.Met, w.iNotStated), Class: "wish"})
			continue
		}
		d.Wishes = append(d.Wishes, bar{Label: c.label, Value: fmt.Sprintf("%d %s %d", c.c.Met, w.iOf, c.c.Total), Class: "wish", Pct: pct(float64(c.c.Met), float64(c.c.Total))})
	}

	for i := range p.Trips {
		tp := &p.Trips[i]
		t := indexTrip{Head: fmt.Sprintf(w.trip, clean(tp.ID)) + " · " + l.kind(tp.Overnight) + " " + fmt.Sprintf(w.by, l.mode(tp.Mode))}
		if _, at, ok := hub(tp); ok {
			t.Head += " " + fmt.Sprintf(w.to, b.place(at))
		}
		t.Head += " · " + l.count(len(tp.Meetings)) + " · " + l.kg(tp.CO2Kg)
		t.Figures = b.tripFigures(tp)
		for _, np := range tp.NotPossible {
			t.NotPossible = append(t.NotPossible, l.notPossible(np))
		}
		ms := append([]schedule.Meeting(nil), tp.Meetings...)
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
		for _, m := range ms {
			start := b.local(m.Start, m.Place)
			t.Meetings = append(t.Meetings, indexMeeting{
				Time:    l.shortDay(start) + " " + start.Format("15:04") + "–" + b.local(m.End, m.Place).Format("15:04"),
				Startup: b.startupName(m.Startup), Contact: b.contactName(m.Contact), Place: b.place(m.Place)})
		}
		seen := map[string]bool{}
		for _, s := range tp.Startups {
			t.Agendas = append(t.Agendas, agendaLink{Href: AgendaPath(s), Label: b.startupName(s)})
		}
		for _, m := range ms {
			if !seen[m.Contact] {
				seen[m.Contact] = true
				t.Agendas = append(t.Agendas, agendaLink{Href: ContactAgendaPath(m.Contact, b.dir.Startups), Label: b.contactName(m.Contact)})
			}
		}
		d.Trips = append(d.Trips, t)
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "index.html", d); err != nil {
		return nil, fmt.Errorf("writing index.html: %w", err)
	}
	return buf.Bytes(), nil
}

func pct(x, of float64) float64 {
	if of <= 0 {
		return 0
	}
	return math.Round(1000*x/of) / 10
}

// timeline draws one lane per start-up and day of its trip.
func (b *book) timeline(l Lang) svgBox {
	type lane struct {
		label, href string
		es          []entry
	}
	var lanes []lane
	first, last := 24.0, 0.0
	hours := func(t time.Time) float64 { return float64(t.Hour()) + float64(t.Minute())/60 }
	for i := range b.plan.Trips {
		tp := &b.plan.Trips[i]
		for _, s := range tp.Startups {
			for _, d := range b.startupDays(tp, s, l) {
				lanes = append(lanes, lane{label: clean(tp.ID) + " " + l.shortDay(d.Date) + " " + b.startupName(s), href: AgendaPath(s), es: d.Entries})
				for _, e := range d.Entries {
					if e.Kind == "hotel" || e.Kind == "checkout" {
						continue
					}
					first = math.Min(first, hours(e.Start))
					if sameDay(e.Start, e.End) {
						last = math.Max(last, hours(e.End))
					} else {
						last = 24
					}
				}
			}
		}
	}
	if first > last {
		first, last = 8, 17
	}
	from, to := math.Floor(first), math.Min(24, math.Ceil(last))
	x := func(h float64) float64 { return tlLabel + (h-from)*tlHour }
	box := svgBox{W: x(to) + 10, H: tlTop + float64(len(lanes))*tlLane + 6}
	for h := from; h <= to; h++ {
		box.Lines = append(box.Lines, line{X1: x(h), Y1: tlTop - 4, X2: x(h), Y2: box.H - 4, Class: "tick"})
		box.Texts = append(box.Texts, text{X: x(h), Y: tlTop - 8, Class: "hour", Text: fmt.Sprintf("%02.0f", h), Anchor: "middle"})
	}
	for i, ln := range lanes {
		y := tlTop + float64(i)*tlLane
		box.Texts = append(box.Texts, text{X: 4, Y: y + tlLane*0.65, Class: "lane", Text: truncate(ln.label, 34), Href: ln.href})
		for _, e := range ln.es {
			s, f := hours(e.Start), hours(e.End)
			if !sameDay(e.Start, e.End) {
				f = to
			}
			r := rect{Y: y + 4, H: tlLane - 8}
			switch e.Kind {
			case "leg":
				r.Class, r.Tip = e.Mode, fmt.Sprintf("%s–%s %s %s → %s", e.Start.Format("15:04"), e.End.Format("15:04"), l.mode(e.Mode), e.From, e.To)
			case "meeting":
				r.Class, r.Tip = "meet", fmt.Sprintf("%s–%s %s, %s", e.Start.Format("15:04"), e.End.Format("15:04"), fmt.Sprintf(l.w().meetWith, e.With), e.Place)
			case "lunch":
				r.Class, r.Tip, r.Y, r.H = "lunch", l.w().lunch, y+8, tlLane-16
			case "hotel":
				r.Class, r.Tip, f = "night", fmt.Sprintf(l.w().hotel, e.Place), to
			case "checkout":
				r.Class, r.Tip, s = "night", fmt.Sprintf(l.w().hotel, e.Place), from
			default:
				continue
			}
			s, f = math.Max(s, from), math.Min(f, to)
			r.X, r.W = x(s), math.Max(2, (f-s)*tlHour)
			box.Rects = append(box.Rects, r)
		}
	}
	return box
}

func sameDay(a, b time.Time) bool {
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// routes sketches every trip's journeys between the places they use,
// placed by their coordinates (an equirectangular projection scaled to
// the box; no map).
func (b *book) routes(l Lang) svgBox {
	const width, height, margin = 640.0, 340.0, 60.0
	type seg struct{ from, to, mode string }
	segs := map[seg]bool{}
	var order []seg
	used := map[string]bool{}
	for _, tp := range b.plan.Trips {
		for _, lg := range tp.Legs {
			if !isMain(lg.Mode) {
				continue
			}
			s := seg{lg.From, lg.To, lg.Mode}
			if lg.From > lg.To {
				s.from, s.to = lg.To, lg.From
			}
			if _, a := b.dir.Places[s.from]; !a {
				continue
			}
			if _, ok := b.dir.Places[s.to]; !ok {
				continue
			}
			if !segs[s] {
				segs[s] = true
				order = append(order, s)
			}
			used[s.from], used[s.to] = true, true
		}
	}
	box := svgBox{W: width, H: height}
	if len(used) == 0 {
		return box
	}
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for id := range used {
		pl := b.dir.Places[id]
		minLat, maxLat = math.Min(minLat, pl.Lat), math.Max(maxLat, pl.Lat)
		minLon, maxLon = math.Min(minLon, pl.Lon), math.Max(maxLon, pl.Lon)
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	spanX, spanY := math.Max((maxLon-minLon)*k, 1e-6), math.Max(maxLat-minLat, 1e-6)
	scale := math.Min((width-2*margin)/spanX, (height-2*margin)/spanY)
	// A wide sketch needs less height than the box offers.
	box.H = math.Min(height, spanY*scale+2*margin)
	offX := (width - spanX*scale) / 2
	offY := (box.H - spanY*scale) / 2
	at := func(id string) (float64, float64) {
		pl := b.dir.Places[id]
		return offX + (pl.Lon-minLon)*k*scale, offY + (maxLat-pl.Lat)*scale
	}
	for i, s := range order {
		x1, y1 := at(s.from)
		x2, y2 := at(s.to)
		// Parallel segments of different modes are drawn side by side.
		off := float64(i%3-1) * 2.5
		box.Lines = append(box.Lines, line{X1: x1 + off, Y1: y1 + off, X2: x2 + off, Y2: y2 + off, Class: "route " + s.mode,
			Tip: l.mode(s.mode) + ": " + b.place(s.from) + " – " + b.place(s.to)})
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		x, y := at(id)
		box.Points = append(box.Points, point{X: x, Y: y, Tip: b.place(id)})
		anchor := "start"
		dx := 7.0
		if x > width*0.7 {
			anchor, dx = "end", -7
		}
		box.Texts = append(box.Texts, text{X: x + dx, Y: y - 6, Class: "place", Text: b.place(id), Anchor: anchor})
	}
	return box
}
