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
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
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
		return usageError{errors.New("no command given")}
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		usage(stderr)
		return usageError{fmt.Errorf("unknown command %q", name)}
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
	fmt.Fprintln(w, `Run "crossmeet <command> --help" for a command's flags.`)
}

// usageError marks a mistake in the command line or in the input files:
// the CLI exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// invalid wraps err so that the CLI exits with status 2.
func invalid(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// newFlagSet returns a flag set that reports its errors instead of exiting.
func newFlagSet(name, synopsis string, stdio stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdio.err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: crossmeet %s %s\n", name, synopsis)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args; --help prints the usage to stdout and returns
// errHelp, which exits 0. A bad flag prints the usage to stderr.
func parseFlags(fs *flag.FlagSet, args []string, stdio stdio) error {
	err := parseOnly(fs, args, stdio)
	if err == nil && fs.NArg() > 0 {
		fs.SetOutput(stdio.err)
		fs.Usage()
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return err
}

// parseOnly parses args like parseFlags but allows positional arguments.
func parseOnly(fs *flag.FlagSet, args []string, stdio stdio) error {
	fs.SetOutput(io.Discard) // the flag package would print the usage itself
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdio.out)
		fs.Usage()
		return errHelp
	}
	fs.SetOutput(stdio.err)
	fs.Usage()
	return usageError{err}
}

var errHelp = errors.New("help requested")

// exitCode maps the outcome of run to the process exit status: 0 for
// success, 2 for invalid input or usage, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "crossmeet: %v\n", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
