package travel

// A Mode is a means of transport. The string values are the ones plan.json
// and the CLI print.
type Mode string

// The modes crossmeet knows. Timetable legs are Train, Bus, Ferry or Air
// (from the GTFS route_type); road legs are Car, Taxi or Walk.
const (
	Train Mode = "train"
	Bus   Mode = "bus"
	Ferry Mode = "ferry"
	Air   Mode = "air"
	Car   Mode = "car"
	Taxi  Mode = "taxi"
	Walk  Mode = "walk"
)

// modeOfRouteType maps a GTFS route_type to a Mode: the basic types of
// the GTFS reference (routes.txt) and the extended types 100–1799 of
// "Extended GTFS Route Types"
// (https://developers.google.com/transit/gtfs/reference/extended-route-types),
// which the Nordic feeds use:
//
//	0 tram, 1 metro, 2 rail, 5 cable tram, 6 aerial lift, 7 funicular,
//	12 monorail                                                 → Train
//	3 bus, 11 trolleybus                                        → Bus
//	4 ferry                                                     → Ferry
//	100–199 railway, 300–399 suburban railway, 400–499 urban
//	railway, 500–599 metro, 600–699 underground, 900–999 tram,
//	1300–1399 aerial lift, 1400–1499 funicular                  → Train
//	200–299 coach, 700–799 bus, 800–899 trolleybus              → Bus
//	1000–1099 water transport, 1200–1299 ferry                  → Ferry
//	1100–1199 air                                               → Air
//	1500–1599 taxi (1501 communal taxi: a shared, timetabled
//	vehicle)                                                    → Bus
//	1600–1699 self drive                                        → Car
//	1700–1799 miscellaneous (1702 horse-drawn carriage)         → Bus
//
// Urban rail counts as Train, trolleybus as Bus. Other numbers are not
// route types.
func modeOfRouteType(t int) (Mode, bool) {
	switch {
	case t == 0 || t == 1 || t == 2 || t == 5 || t == 6 || t == 7 || t == 12:
		return Train, true
	case t == 3 || t == 11:
		return Bus, true
	case t == 4:
		return Ferry, true
	case t >= 100 && t < 200, t >= 300 && t < 700, t >= 900 && t < 1000, t >= 1300 && t < 1500:
		return Train, true
	case t >= 200 && t < 300, t >= 700 && t < 900:
		return Bus, true
	case t >= 1000 && t < 1100, t >= 1200 && t < 1300:
		return Ferry, true
	case t >= 1100 && t < 1200:
		return Air, true
	case t >= 1500 && t < 1600, t >= 1700 && t < 1800:
		return Bus, true
	case t >= 1600 && t < 1700:
		return Car, true
	}
	return "", false
}
