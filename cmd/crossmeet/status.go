package main

import (
	"context"
	"fmt"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule/invite"
)

func init() {
	commands["status"] = command{summary: "show per meeting who was invited and who answered what", run: runStatus}
}

func runStatus(ctx context.Context, args []string, stdio stdio) error {
	var out string
	fs := cli.NewFlagSet("crossmeet", "status", "[--out DIR]", stdio.err)
	fs.StringVar(&out, "out", "crossmeet-out", "output `folder` with the ledger of what was sent")
	if err := cli.Parse(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	ledger, err := invite.LoadLedger(out)
	if err != nil {
		return cli.Invalid(err)
	}
	fmt.Fprint(stdio.out, ledger.Status())
	return nil
}
