package report_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/report"
)

// chromiumInstall is what a machine needs for the browser test.
const chromiumInstall = "apt-get update && apt-get install -y chromium (Debian), or set CHROMIUM to a Chromium or Chrome binary"

// chromium finds the browser: $CHROMIUM, else chromium, chromium-browser
// or google-chrome on the PATH. The browser test fails without one: the
// pages' rendering is part of what the outputs promise.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("no headless Chromium found: %s", chromiumInstall)
	return ""
}

// browser starts one headless Chromium for a test, with a fresh profile
// and nothing that talks to the network by itself.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // the CI runs as root
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if _, err := chromedp.Run(ctx, chromedp.Title()); err != nil {
		t.Fatalf("starting Chromium: %v (%s)", err, chromiumInstall)
	}
	return ctx
}

// A page is what the browser saw of one output file.
type page struct {
	text      string   // document.body.innerText
	meetings  []string // innerText of each agenda meeting or index row
	rects     int      // meeting bars of the timeline
	days      int      // day sections of an agenda
	resources int      // files the page loaded besides itself
	console   []string // console errors and uncaught exceptions
	phoneFits bool     // no horizontal scroll at 375 px
	printFits bool     // no horizontal overflow at A4 width in print media
	pdfPages  int
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// load opens a file in the browser's tab and reads it. The pages load
// one after the other in one tab: opening a tab costs more than reading
// a page.
func load(t *testing.T, tab context.Context, path string) page {
	t.Helper()
	ctx, stop := context.WithTimeout(tab, 30*time.Second)
	defer stop()
	var p page
	var mu sync.Mutex
	var wg sync.WaitGroup
	msgs := chromedp.Console(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				mu.Lock()
				p.console = append(p.console, fmt.Sprintf("%s: %s", m.Type, m.Text))
				mu.Unlock()
			}
		}
	}()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	run := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, what, err)
		}
	}
	run("viewport", chromedp.Do(ctx, chromedp.EmulateViewport(1024, 800)))
	run("navigate", chromedp.Do(ctx, chromedp.Navigate(u)))
	var err error
	p.text, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	run("text", err)
	p.meetings, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('li.meeting, table.meetings tr')).map(e => e.innerText)`))
	run("meetings", err)
	p.rects, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#timeline rect.meet').length`))
	run("rects", err)
	p.days, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.day').length`))
	run("days", err)
	p.resources, err = chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType('resource').length`))
	run("resources", err)
	fits := `document.documentElement.scrollWidth <= window.innerWidth`
	run("phone", chromedp.Do(ctx, chromedp.EmulateViewport(375, 700, chromedp.EmulateMobile)))
	p.phoneFits, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fits))
	run("phone fit", err)
	// A4 is 210 mm wide; the print stylesheet's margins leave 186 mm,
	// 703 CSS pixels.
	run("print width", chromedp.Do(ctx, chromedp.EmulateViewport(703, 1000)))
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	run("print media", err)
	p.printFits, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fits))
	run("print fit", err)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	run("print", err)
	p.pdfPages = len(pdfPage.FindAll(pdf, -1))
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	run("screen media", err)
	stop()
	wg.Wait()
	return p
}

// TestPagesInBrowser renders the demo's index.html and every agenda in
// headless Chromium: no console error, nothing loaded from elsewhere,
// every meeting of the plan shown, readable on a phone and printable on
// A4 with one page per day.
func TestPagesInBrowser(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	files, err := report.Files(plan, dir, report.Options{Program: prog})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := report.WriteFiles(out, files); err != nil {
		t.Fatal(err)
	}
	bctx := browser(t)

	clock := func(m schedule.Meeting) string {
		zone := dir.Places[m.Place].TimeZone
		if zone == nil {
			zone = prog.Zone
		}
		return m.Start.In(zone).Format("15:04") + "–" + m.End.In(zone).Format("15:04")
	}
	shows := func(p page, parts ...string) bool {
		for _, line := range p.meetings {
			all := true
			for _, s := range parts {
				all = all && strings.Contains(line, s)
			}
			if all {
				return true
			}
		}
		return false
	}
	checkPage := func(t *testing.T, name string, p page) {
		t.Helper()
		if len(p.console) > 0 {
			t.Errorf("%s: console: %s", name, strings.Join(p.console, "; "))
		}
		if p.resources != 0 {
			t.Errorf("%s loads %d other files; the pages must be self-contained", name, p.resources)
		}
		if !p.printFits {
			t.Errorf("%s is wider than an A4 page in print", name)
		}
		if p.pdfPages == 0 {
			t.Errorf("%s prints no page", name)
		}
	}

	t.Run("index", func(t *testing.T) {
		p := load(t, bctx, filepath.Join(out, "index.html"))
		checkPage(t, "index.html", p)
		if p.rects != plan.Totals.Meetings {
			t.Errorf("the timeline has %d meeting bars, the plan %d meetings", p.rects, plan.Totals.Meetings)
		}
		for _, tp := range plan.Trips {
			for _, m := range tp.Meetings {
				if !shows(p, clock(m), dir.Startups[m.Startup].Name, dir.Contacts[m.Contact].Name, dir.Places[m.Place].Name) {
					t.Errorf("index.html lacks trip %s's meeting %s %s with %s", tp.ID, clock(m), m.Startup, m.Contact)
				}
			}
		}
		if !strings.Contains(p.text, plan.Program) {
			t.Errorf("index.html does not name the programme")
		}
		// Each trip's figures and the options that were not possible.
		for _, tp := range plan.Trips {
			for _, np := range tp.NotPossible {
				_, why, _ := strings.Cut(np, ": not possible: ")
				if !strings.Contains(p.text, why) {
					t.Errorf("index.html does not show trip %s's option not possible: %s", tp.ID, why)
				}
			}
		}
	})

	t.Run("index with notes", func(t *testing.T) {
		noted := *plan
		noted.Stop = schedule.StopCancelled
		noted.Impossible = []schedule.ImpossibleTrip{{ID: "T9", Reasons: []string{"train day trip 2027-04-06: not possible: no train gets back by 19:00"}}}
		noted.PinsNotHeld = []schedule.Unscheduled{{Startup: plan.Trips[0].Startups[0], Contact: "C44", Reason: "C44 is away that day"}}
		index, err := report.Index(&noted, dir, report.Options{Program: prog, Lang: report.English})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "index.html")
		if err := os.WriteFile(path, index, 0o644); err != nil {
			t.Fatal(err)
		}
		p := load(t, bctx, path)
		checkPage(t, "index.html with notes", p)
		for _, s := range []string{"Planning stopped early (cancelled)", "Trips that cannot be made", "no train gets back by 19:00", "Pinned meetings not held", "C44 is away that day"} {
			if !strings.Contains(p.text, s) {
				t.Errorf("index.html does not show %q", s)
			}
		}
	})

	agendas := map[string][]schedule.Meeting{}
	for _, tp := range plan.Trips {
		for _, s := range tp.Startups {
			if _, ok := agendas[s]; !ok {
				agendas[s] = nil // a start-up's agenda, even with no meeting
			}
		}
		for _, m := range tp.Meetings {
			agendas[m.Startup] = append(agendas[m.Startup], m)
			agendas[m.Contact] = append(agendas[m.Contact], m)
		}
	}
	if len(agendas) < 40 {
		t.Fatalf("only %d agendas on the demo", len(agendas))
	}
	for id, ms := range agendas {
		t.Run("agenda "+id, func(t *testing.T) {
			name := report.AgendaPath(id)
			if _, ok := dir.Startups[id]; !ok {
				name = report.ContactAgendaPath(id, dir.Startups)
			}
			if _, ok := files[name]; !ok {
				t.Fatalf("no %s among the outputs", name)
			}
			p := load(t, bctx, filepath.Join(out, filepath.FromSlash(name)))
			checkPage(t, name, p)
			if !p.phoneFits {
				t.Errorf("%s scrolls sideways on a phone", name)
			}
			if p.pdfPages != p.days {
				t.Errorf("%s prints on %d A4 pages for %d days; want one page per day", name, p.pdfPages, p.days)
			}
			for _, m := range ms {
				other := dir.Contacts[m.Contact].Name
				if id == m.Contact {
					other = dir.Startups[m.Startup].Name
				}
				if !shows(p, clock(m), other, dir.Places[m.Place].Name) {
					t.Errorf("%s lacks the meeting %s with %s at %s", name, clock(m), other, dir.Places[m.Place].Name)
				}
			}
		})
	}
}
