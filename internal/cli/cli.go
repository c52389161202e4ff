// Package cli holds what crossmeet's commands (cmd/crossmeet, cmd/optw)
// share around their run functions: the errors that choose the exit
// status, and flag parsing that reports its errors instead of exiting.
//
// A command's main is a few lines:
//
//	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
//	os.Exit(cli.ExitCode("name", err, os.Stderr))
//
// run returns nil on success, ErrHelp when the user asked for help (exit
// 0), an error marked with Invalid for a mistake in the command line or
// the input files (exit 2), and any other error for other failures (exit
// 1).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// ErrHelp is returned by a command whose help was asked for and printed;
// it exits with status 0.
var ErrHelp = errors.New("help requested")

// invalidError marks a mistake in the command line or in the input files.
type invalidError struct{ err error }

func (e invalidError) Error() string { return e.err.Error() }
func (e invalidError) Unwrap() error { return e.err }

// Invalid wraps err, without changing its message, so that the command
// exits with status 2. Invalid(nil) is nil.
func Invalid(err error) error {
	if err == nil {
		return nil
	}
	return invalidError{err}
}

// ExitCode maps the outcome of a command's run to the process exit
// status: 0 for success or ErrHelp, 2 for an error marked by Invalid, 1
// for anything else. It prints a failure to stderr as "prog: message".
func ExitCode(prog string, err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", prog, err)
	var u invalidError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// NewFlagSet returns a flag set for the subcommand name of prog that
// reports its errors instead of exiting. Its usage reads
// "Usage: prog name synopsis", then the flags, if any.
func NewFlagSet(prog, name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s %s %s\n", prog, name, synopsis)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// Parse parses args, which must hold flags only. --help prints the usage
// to stdout and returns ErrHelp; a bad flag or a positional argument
// prints the usage to stderr and returns an Invalid error.
func Parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	err := ParseArgs(fs, args, stdout, stderr)
	if err == nil && fs.NArg() > 0 {
		fs.SetOutput(stderr)
		fs.Usage()
		return Invalid(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	return err
}

// ParseArgs parses args like Parse but leaves positional arguments in
// fs.Args.
func ParseArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	fs.SetOutput(io.Discard) // the flag package would print the usage itself
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return ErrHelp
	}
	fs.SetOutput(stderr)
	fs.Usage()
	return Invalid(err)
}
