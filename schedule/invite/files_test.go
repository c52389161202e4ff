//go:build unix

package invite

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/travel"
)

// TestSpecialReplyFiles: reply files and the ledger are read through
// internal/regular (whose test covers every kind of file): a FIFO is
// refused before it is opened, a file past its limit (a sparse file
// here) before it is read; nothing hangs.
func TestSpecialReplyFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
		want error
	}{
		{"a FIFO", func(p string) error { return syscall.Mkfifo(p, 0o644) }, travel.ErrNotRegular},
		{"past the limit", func(p string) error {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				return err
			}
			return os.Truncate(p, MaxReplyBytes+1)
		}, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			reply := filepath.Join(dir, "reply.eml")
			require.NoError(t, tc.make(reply))
			require.NoError(t, tc.make(filepath.Join(dir, LedgerFile)))
			done := make(chan [2]error, 1)
			go func() {
				_, err1 := ReadRepliesFile(reply)
				_, err2 := LoadLedger(dir)
				done <- [2]error{err1, err2}
			}()
			select {
			case errs := <-done:
				assert.ErrorIs(t, errs[0], tc.want, "the reply file")
				assert.ErrorIs(t, errs[1], tc.want, "the ledger")
			case <-time.After(30 * time.Second):
				t.Fatal("reading hangs")
			}
		})
	}
}
