package report_test

import (
	"context"
	"fmt"
	"os"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func ExampleParseLang() {
	for _, code := range []string{"sv-SE", "nb", "English", "fi"} {
		l, ok := report.ParseLang(code)
		fmt.Printf("%s: %q %v\n", code, l, ok)
	}
	// Output:
	// sv-SE: "sv" true
	// nb: "no" true
	// English: "en" true
	// fi: "" false
}

func ExampleComputeIndicators() {
	prog, err := program.Load(os.DirFS(programtest.DemoDir()))
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	in := report.ComputeIndicators(plan, prog.Directory(), report.Options{Program: prog})
	fmt.Printf("%d meetings, %d of %d start-ups travelled\n", in.Meetings, in.Travelled, in.Startups)
	fmt.Printf("top-3 wishes met: %d of %d\n", in.WishesTop3.Met, in.WishesTop3.Total)
	fmt.Printf("%d people travelled\n", in.People)
	fmt.Printf("%.1f kg CO2e: travel %.1f, hotel nights %.1f\n", in.CO2Kg, in.TravelCO2Kg, in.HotelCO2Kg)
	fmt.Printf("%.1f kg all by car, %.1f kg avoided\n", in.AllCarKg, in.AvoidedKg)
	// Output:
	// 43 meetings, 12 of 16 start-ups travelled
	// top-3 wishes met: 36 of 36
	// 20 people travelled
	// 469.8 kg CO2e: travel 422.2, hotel nights 47.6
	// 649.2 kg all by car, 179.4 kg avoided
}
