// Package travel models how people get from one place to another: places,
// modes, legs and journeys with their time, distance and emissions;
// public-transport timetables read from GTFS and searched for journeys;
// road legs estimated from coordinates; and emission factors as data.
//
// # Places, legs and journeys
//
// A Place (station, office, venue or hotel) has coordinates, a country and
// optionally a GTFS stop; LoadPlaces reads them from places.csv. A Leg is
// one movement by one Mode with absolute departure and arrival times, km
// and kg CO2e; a Journey is a sequence of legs with totals (Duration, Km,
// Transfers, CO2Kg).
//
// # Timetables
//
// LoadGTFS reads a GTFS static feed (https://gtfs.org/schedule/reference/)
// from a .zip file or a folder, LoadGTFSFS from any fs.FS such as the
// embedded demo. It reads agency.txt (the time zone of all times; GTFS
// requires one zone per feed), stops.txt (with parent stations),
// routes.txt, trips.txt, stop_times.txt (times past 24:00:00 belong to
// the service day that started the trip), calendar.txt, calendar_dates.txt
// (added and removed days) and transfers.txt (minimum change times). A bad
// row is a *ParseError naming the file, line and field.
//
// routes.txt may carry an extra column, co2_g_pkm: the route's emission
// factor in grams CO2e per passenger-km. Timetable legs on such a route
// get CO2Kg = km × co2_g_pkm / 1000; legs on other routes get the factor
// of their mode from SearchOptions.Factors. A leg's km is the sum of the
// great-circle distances between its consecutive stops (shape distances
// are ignored: GTFS leaves their unit to the producer).
//
// # Journey search
//
// Feed.EarliestArrival, Feed.LatestDeparture, Feed.Pareto and
// Feed.Journeys search a feed with the Connection Scan Algorithm (CSA):
//
//	Julian Dibbelt, Thomas Pajor, Ben Strasser, Dorothea Wagner:
//	Connection Scan Algorithm. ACM Journal of Experimental Algorithmics
//	23 (2018), 1.7; first published as "Intriguingly Simple and Fast
//	Transit Routing", SEA 2013, LNCS 7933.
//
// The feed's trips are cut into elementary connections (a trip leaving
// one stop and reaching the next), sorted once by departure and once by
// arrival. An earliest-arrival query finds the first connection at or after
// the departure time by binary search and scans forward, keeping per stop
// the earliest time a traveller can board there and per trip whether it
// has been boarded; it stops at the first connection that leaves after the
// best arrival at the target. A latest-departure query scans backwards
// from the deadline. The Pareto search keeps one label per stop and
// number of trips. Each query scans the service days that may run at the
// asked time, each with the services that run on it, so a Friday train
// still running at 00:30 on Saturday is found. Per-query state lives in a
// pool on the Feed, so queries allocate little and run concurrently.
//
// Changes follow these rules: staying in the same trip needs no time;
// changing at a stop, or between platforms of one station, needs the
// min_transfer_time of transfers.txt for that pair of stops (a rule on a
// station covers its platforms; transfer_type 3 forbids the change,
// type 1 needs no time) or else SearchOptions.MinChange (default 3
// minutes); transfers.txt may also join two stations, which gives a walk
// leg. A query to a station reaches any of its platforms.
//
// # Roads
//
// Road estimates car, taxi and walking legs: the great-circle distance
// (Distance) times a detour factor, at a speed per mode, or a measured
// distance and time when the user supplies one (LoadMeasured).
//
// # Emissions
//
// Factors holds the emission factor of each mode with its source, a car
// fuel (petrol, diesel or ev), and user overrides. Train, bus, ferry and
// walk factors are per passenger-km; car and taxi factors are per
// vehicle-km, and Factors.Share splits a vehicle's emission among the
// travellers in it.
package travel
