package travel

// A Mode is a means of transport. The string values are the ones plan.json
// and the CLI print.
type Mode string

// The modes crossmeet knows. Timetable legs are Train, Bus or Ferry (from
// the GTFS route_type); road legs are Car, Taxi or Walk.
const (
	Train Mode = "train"
	Bus   Mode = "bus"
	Ferry Mode = "ferry"
	Car   Mode = "car"
	Taxi  Mode = "taxi"
	Walk  Mode = "walk"
)

// modeOfRouteType maps a GTFS route_type, basic or extended (the Google
// "Extended GTFS Route Types" 100–1700), to a Mode. Urban rail (tram,
// metro, funicular, cable car) counts as Train, trolleybus as Bus.
func modeOfRouteType(t int) (Mode, bool) {
	switch {
	case t == 0 || t == 1 || t == 2 || t == 5 || t == 6 || t == 7 || t == 12:
		return Train, true
	case t == 3 || t == 11:
		return Bus, true
	case t == 4:
		return Ferry, true
	case t >= 100 && t < 200, t >= 400 && t < 700, t >= 900 && t < 1000, t >= 1300 && t < 1500:
		return Train, true // rail, urban rail, metro, tram, aerial lift, funicular
	case t >= 200 && t < 300, t >= 700 && t < 900:
		return Bus, true // coach, bus, trolleybus
	case t >= 1000 && t < 1300:
		return Ferry, true // water transport
	}
	return "", false
}
