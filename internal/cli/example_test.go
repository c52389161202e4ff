package cli_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/crossmeet/crossmeet/internal/cli"
)

func ExampleExitCode() {
	fmt.Println(cli.ExitCode("tool", nil, os.Stdout))
	fmt.Println(cli.ExitCode("tool", cli.ErrHelp, os.Stdout))
	fmt.Println(cli.ExitCode("tool", cli.Invalid(errors.New("no input given")), os.Stdout))
	fmt.Println(cli.ExitCode("tool", errors.New("disk full"), os.Stdout))
	// Output:
	// 0
	// 0
	// tool: no input given
	// 2
	// tool: disk full
	// 1
}
