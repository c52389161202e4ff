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
	fmt.Printf("%.1f kg CO2e, %.1f kg all by car\n", in.CO2Kg, in.AllCarKg)
	// Output:
	// 42 meetings, 12 of 16 start-ups travelled
	// top-3 wishes met: 36 of 36
	// 299.0 kg CO2e, 507.1 kg all by car
}
