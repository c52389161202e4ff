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
// embedded demo, and LoadFeeds several feeds into one timetable (the
// Swedish and the Norwegian national feeds, say), keeping only the dates
// and the area asked for (LoadOptions) and optionally caching what it
// kept in a file next to each feed (LoadOptions.Cache, CachePath).
// ProgramFeeds finds the feeds of a programme folder: gtfs.zip, or gtfs/
// holding one feed or several (.zip files or folders).
//
// It reads agency.txt (the time zone of the feed's times; GTFS requires
// one zone per feed, and each feed keeps its own), stops.txt (with parent
// stations), routes.txt (basic and extended route types, see Mode),
// trips.txt (with block_id), stop_times.txt (times past 24:00:00 belong
// to the service day that started the trip), calendar.txt,
// calendar_dates.txt (added and removed days), frequencies.txt (the
// template trip runs every headway, exact_times 0 and 1) and
// transfers.txt (stop-to-stop change times and rules between trips and
// routes, transfer types 0 to 5). Files are read as the reference's
// validators read them: a byte-order mark is skipped, rows shorter than
// the header have empty trailing cells; invalid UTF-8 and NUL bytes are
// errors. A bad file is a *ParseError naming the file, line and field; a
// bad trip is dropped and its *ParseError kept in Feed.Warnings, unless
// LoadOptions.Strict.
//
// With several feeds, the ids of each are its own: a stop_id used by two
// feeds is "name:stop_id" (Stop.ID, Stop.Feed). Stops of different feeds
// within LoadOptions.JoinRadius, and stations of the same name within
// DefaultSameNameRadius, are joined by walking transfers, so the Swedish
// feed's Storlien and the Norwegian feed's Storlien are one station.
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
// Feed.EarliestArrival, Feed.LatestDeparture, Feed.Pareto, Feed.Journeys
// and Feed.Local search the timetable with the Connection Scan Algorithm
// (CSA):
//
//	Julian Dibbelt, Thomas Pajor, Ben Strasser, Dorothea Wagner:
//	Connection Scan Algorithm. ACM Journal of Experimental Algorithmics
//	23 (2018), 1.7; first published as "Intriguingly Simple and Fast
//	Transit Routing", SEA 2013, LNCS 7933.
//
// The trips are cut into elementary connections (a trip leaving one stop
// and reaching the next), sorted once by departure and once by arrival;
// for each feed and service day an index lists the connections that run
// that day, built on first use. A query scans the days of every feed that
// may run at the asked time (a Friday train still running at 00:30 on
// Saturday is found), so it costs in proportion to the service of those
// days, not to the feed. An earliest-arrival query finds the first
// connection at or after the departure time by binary search and scans
// forward, keeping per stop and number of trips the earliest time a
// traveller can board there, and per trip and day how it was boarded; it
// stops at the first connection that leaves after the best arrival. Of
// the earliest journeys it returns the one with fewest changes, and of
// those the one riding least (seconds in vehicles, kept per label next
// to the time; among boardings of a trip at the same number of trips the
// scan keeps the one riding least), so that a journey riding past the
// station where it could change and back loses to the one changing
// there. An earliest-arrival query runs in three passes (fastea.go): a
// plain earliest-arrival scan (one time per stop, one bit per trip)
// finds the arrival and the connections it reached, a backward pass
// over those keeps the ones that can still reach the target by then,
// and the scan with labels per number of trips runs over the kept ones
// only, which gives the same journey as running it over all. The
// first pass passes over regions it has not reached (cells.go) and
// leaves a feed once every walk out of it to another feed leads to a
// stop it can no longer improve, resuming it only as far as ties need
// (border.go): a cross-border query stops scanning the first country's
// network once the traveller is at the border.
// A latest-departure query scans backwards from the deadline.
// Journeys lists the Pareto set over departure, arrival and changes: one
// profile search (the profile variant of CSA in the same paper, section
// 4, with a vector of arrivals by number of trips per trip and per stop
// entry) gives the earliest arrivals from every departure time at once,
// and a latest-departure scan per option, over the connections the
// profile found on a way to the target, rebuilds its journey; feeds whose
// transfers.txt names trips or routes use a forward scan per departure.
// Searches bounded in changes (Pareto, Journeys, MaxTransfers) leave out
// the labels from which the target is more trips away than the bound
// allows, by a lower bound on trips computed per query (bound.go), and
// end at once when the bound rules every journey out. Per-query
// state lives in a pool on the Feed, so queries allocate little and run
// concurrently.
//
// Changes follow these rules: staying in the same trip needs no time,
// nor does staying seated when the vehicle goes on as another trip (the
// next trip of the same block_id that day, from the stop where the first
// ends, or a transfer_type 4; type 5 forbids it); changing at a stop, or
// between platforms of one station, needs the min_transfer_time of
// transfers.txt for that pair of stops (a rule on a station covers its
// platforms; transfer_type 3 forbids the change, type 1 needs no time)
// or else SearchOptions.MinChange (default 3 minutes); a rule naming the
// trips or routes wins over the stops' rule; transfers.txt may also join
// two stations, which gives a walk leg. A query to a station reaches any
// of its platforms. pickup_type and drop_off_type 1 forbid boarding and
// alighting.
//
// # Getting the national timetables
//
// The Swedish national feed ("GTFS Sverige 2", every operator: SJ,
// Norrtåg, the regional bus companies such as Länstrafiken Jämtland) is
// published by Samtrafiken through Trafiklab (trafiklab.se; a free API
// key is needed); the Norwegian national feed (every operator: Vy, SJ
// Norge, AtB) by Entur (developer.entur.org, "Stops and timetable data",
// the GTFS file for all of Norway, no key). Put both zip files in the
// programme's gtfs/ folder (gtfs/sweden.zip, gtfs/norway.zip) or give
// them to crossmeet route with --gtfs twice. Loading keeps the dates of
// the programme (and the day before and after); with a cache a second
// load takes a fraction of the first. See docs/timetables.md.
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
