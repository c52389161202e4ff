package travel

import (
	"fmt"
	"strings"
)

// A Fuel is what drives a car or taxi.
type Fuel string

// The fuels Factors knows; the empty Fuel means Petrol.
const (
	Petrol   Fuel = "petrol"
	Diesel   Fuel = "diesel"
	Electric Fuel = "ev"
)

// Factors holds emission factors in grams of CO2 equivalent per
// kilometre: per passenger-km for per-passenger modes (train, bus, ferry,
// air, walk), per vehicle-km for per-vehicle modes (car, taxi). The zero value
// gives the defaults below with a petrol car; set Car to choose the fuel
// and GramsPerKm to override single modes.
//
// Defaults, each with its source:
//
//	train  7 g/pkm   Nordic electric rail (klimatresa.se, method by Chalmers)
//	bus   27 g/pkm   coach (UK DESNZ 2022 GHG conversion factors)
//	ferry 187 g/pkm  foot passenger ferry (UK DESNZ 2022)
//	air   246 g/pkm  domestic flight, average passenger, with radiative
//	                 forcing (UK DESNZ 2022)
//	walk   0
//	car, petrol  170 g/vkm  medium car (klimatresa.se 167–170; UK DESNZ 2022)
//	car, diesel  154 g/vkm  medium car, the middle of the sourced range
//	                        137–171 (klimatresa.se; UK DESNZ 2022)
//	car, ev       14 g/vkm  battery car on Nordic electricity (klimatresa.se)
//
// A diesel train (about 91 g/pkm, klimatresa.se) is not a mode of its
// own: a GTFS route carries its own factor in the co2_g_pkm column of
// routes.txt (see the package documentation).
type Factors struct {
	// Car is the fuel of cars; empty means Petrol.
	Car Fuel
	// Taxi is the fuel of taxis; empty means the same as Car.
	Taxi Fuel
	// GramsPerKm overrides the default of a mode, g per passenger-km or
	// per vehicle-km as above. For Car and Taxi an entry wins over the fuel.
	GramsPerKm map[Mode]float64
}

// Default emission factors, g CO2e per km; see Factors for the sources.
const (
	gTrainElectric = 7   // g/pkm, klimatresa.se (Chalmers)
	gTrainDiesel   = 91  // g/pkm, klimatresa.se (Chalmers)
	gCoach         = 27  // g/pkm, UK DESNZ 2022, coach
	gFerryFoot     = 187 // g/pkm, UK DESNZ 2022, ferry foot passenger
	gFlight        = 246 // g/pkm, UK DESNZ 2022, domestic flight, average passenger, with radiative forcing
	gCarPetrol     = 170 // g/vkm, klimatresa.se; UK DESNZ 2022, medium petrol car
	gCarDiesel     = 154 // g/vkm, middle of 137–171 (klimatresa.se; UK DESNZ 2022)
	gCarElectric   = 14  // g/vkm, klimatresa.se, battery car on Nordic electricity
)

// DefaultFactors returns the defaults with a petrol car; it equals the
// zero Factors.
func DefaultFactors() Factors { return Factors{Car: Petrol} }

// Grams returns the factor of mode in g CO2e per passenger-km or per
// vehicle-km (see PerVehicle), and false for an unknown mode.
func (f Factors) Grams(mode Mode) (float64, bool) {
	if g, ok := f.GramsPerKm[mode]; ok {
		return g, true
	}
	switch mode {
	case Train:
		return gTrainElectric, true
	case Bus:
		return gCoach, true
	case Ferry:
		return gFerryFoot, true
	case Air:
		return gFlight, true
	case Walk:
		return 0, true
	case Car:
		return fuelGrams(f.Car), true
	case Taxi:
		if f.Taxi == "" {
			return fuelGrams(f.Car), true
		}
		return fuelGrams(f.Taxi), true
	}
	return 0, false
}

func fuelGrams(f Fuel) float64 {
	switch f {
	case Diesel:
		return gCarDiesel
	case Electric:
		return gCarElectric
	}
	return gCarPetrol
}

// Kg returns the emission of km kilometres by mode: for per-passenger
// modes (train, bus, ferry, walk) one passenger's kg, for per-vehicle
// modes (car, taxi) the vehicle's. An unknown mode gives 0.
func (f Factors) Kg(mode Mode, km float64) float64 {
	g, _ := f.Grams(mode)
	return g * km / 1000
}

// PerVehicle reports whether mode's factor is per vehicle-km (car, taxi),
// so that a leg's emission is shared by the travellers in the vehicle.
func (f Factors) PerVehicle(mode Mode) bool {
	return mode == Car || mode == Taxi
}

// Share returns one traveller's part of a leg's emission kg when
// travellers people ride in the vehicle: kg/travellers for per-vehicle
// modes, kg unchanged for per-passenger modes (each passenger's kg is
// already the leg's). travellers below 1 counts as 1.
func (f Factors) Share(mode Mode, kg float64, travellers int) float64 {
	if !f.PerVehicle(mode) || travellers <= 1 {
		return kg
	}
	return kg / float64(travellers)
}

// ParseFuel parses petrol, diesel or ev (also "electric"), any letter
// case; the empty string gives Petrol.
func ParseFuel(s string) (Fuel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "petrol", "gasoline":
		return Petrol, nil
	case "diesel":
		return Diesel, nil
	case "ev", "electric", "bev":
		return Electric, nil
	}
	return "", fmt.Errorf("fuel: want petrol, diesel or ev, got %q: %w", s, ErrBadValue)
}
