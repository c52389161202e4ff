package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/schedule/invite"
)

func init() {
	commands["replies"] = command{summary: "record the answers (iMIP REPLY in .eml, mbox or .ics files) in the ledger", run: runReplies}
}

func runReplies(ctx context.Context, args []string, stdio stdio) error {
	var out string
	fs := cli.NewFlagSet("crossmeet", "replies", "[--out DIR] PATH...", stdio.err)
	fs.StringVar(&out, "out", "crossmeet-out", "output `folder` with the ledger of what was sent")
	if err := cli.ParseArgs(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return cli.Invalid(errors.New("replies needs at least one .eml, mbox or .ics file or a folder of them"))
	}
	ledger, err := invite.LoadLedger(out)
	if err != nil {
		return cli.Invalid(err)
	}
	var files []string
	for _, path := range fs.Args() {
		st, err := os.Stat(path)
		if err != nil {
			return cli.Invalid(err)
		}
		if !st.IsDir() {
			files = append(files, path)
			continue
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return cli.Invalid(err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
	}
	sort.Strings(files)
	counts := map[string]int{}
	recorded := 0
	for _, f := range files {
		rs, err := invite.ReadRepliesFile(f)
		if err != nil {
			return cli.Invalid(err)
		}
		for _, r := range rs {
			if w := ledger.RecordReply(r); w != "" {
				fmt.Fprintf(stdio.err, "warning: %s\n", w)
				continue
			}
			recorded++
			counts[r.PartStat]++
		}
	}
	if err := ledger.Save(out); err != nil {
		return err
	}
	fmt.Fprintf(stdio.out, "recorded %s from %s: %d accepted, %d tentative, %d declined\n",
		wording.Plural(recorded, "answer"), wording.Plural(len(files), "file"), counts["ACCEPTED"], counts["TENTATIVE"], counts["DECLINED"])
	return nil
}
