// Command crossmeet plans business trips for start-up exchange programmes.
//
// Usage:
//
//	crossmeet <command> [flags]
//
// Run "crossmeet help" for the list of commands, "crossmeet <command> --help"
// for one command's flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"

	"github.com/crossmeet/crossmeet/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode("crossmeet", err, os.Stderr))
}

// A command is one verb of the CLI. Each lives in its own file and
// registers itself in commands.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdio stdio) error
}

// stdio is the command's view of the terminal.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// commands maps a verb to its implementation; files add to it in init.
var commands = map[string]command{}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	defer func() {
		// No panic reaches a user as a stack dump; it is a bug to report.
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error, please report it: %v", r)
		}
	}()
	io := stdio{in: stdin, out: stdout, err: stderr}
	if len(args) == 0 {
		usage(stderr)
		return cli.Invalid(errors.New("no command given"))
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionString())
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		usage(stderr)
		return cli.Invalid(fmt.Errorf("unknown command %q", name))
	}
	return cmd.run(ctx, args[1:], io)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "crossmeet plans business trips for start-up exchange programmes.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: crossmeet <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "crossmeet <command> --help" for a command's flags, "crossmeet --version" for the version.`)
}

// version is the release, set when building one:
//
//	go build -ldflags "-X main.version=v1.2.0" ./cmd/crossmeet
//
// Empty means the module version that go install recorded, else "devel".
var version string

// versionString is what --version prints: the version, the commit it was
// built from when the build recorded one, and the Go version.
func versionString() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "devel"
	}
	var rev, dirty string
	if ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
				if len(rev) > 12 {
					rev = rev[:12]
				}
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+modified"
				}
			}
		}
	}
	if rev != "" {
		return fmt.Sprintf("crossmeet %s (commit %s%s, %s)", v, rev, dirty, runtime.Version())
	}
	return fmt.Sprintf("crossmeet %s (%s)", v, runtime.Version())
}
