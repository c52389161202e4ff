//go:build unix

package travel

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecialFilesAreRefused: a feed file that is a FIFO, or a link to
// a device, is refused by name before it is opened, so the load neither
// hangs on the FIFO nor reads /dev/zero for ever; the feed file itself
// may not be a FIFO either. With the cache on, the same.
func TestSpecialFilesAreRefused(t *testing.T) {
	fifo := func(p string) error { return syscall.Mkfifo(p, 0o644) }
	zero := func(p string) error { return os.Symlink("/dev/zero", p) }
	for _, tc := range []struct {
		name  string
		file  string // in the feed folder; "" for the feed path itself
		make  func(string) error
		want  string // the ParseError's file; "" when the error is the feed path's
		what  string
		cache bool
	}{
		{"stop_times.txt a FIFO", "stop_times.txt", fifo, "stop_times.txt", "a FIFO", false},
		{"transfers.txt a FIFO", "transfers.txt", fifo, "transfers.txt", "a FIFO", false},
		{"stops.txt a link to /dev/zero", "stops.txt", zero, "stops.txt", "a device", false},
		{"the feed a FIFO", "", fifo, "", "a FIFO", false},
		{"the feed a FIFO, cached", "", fifo, "", "a FIFO", true},
		{"trips.txt a FIFO, cached", "trips.txt", fifo, "trips.txt", "a FIFO", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			feed := writeFeedFolder(t, filepath.Join(dir, "feed"))
			target := filepath.Join(feed, tc.file)
			if tc.file == "" {
				feed = filepath.Join(dir, "feed.zip")
				target = feed
			} else {
				os.Remove(target)
			}
			require.NoError(t, tc.make(target))

			done := make(chan error, 1)
			go func() {
				_, err := LoadFeeds(context.Background(), []Source{{Path: feed}}, LoadOptions{Cache: tc.cache})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the load hangs on the special file")
			}
			require.ErrorIs(t, err, ErrNotRegular)
			assert.ErrorContains(t, err, tc.what)
			var pe *ParseError
			if tc.want == "" {
				var pathErr *os.PathError
				require.True(t, errors.As(err, &pathErr), "an *fs.PathError naming the feed: %v", err)
				assert.Equal(t, feed, pathErr.Path)
				return
			}
			require.True(t, errors.As(err, &pe), "a *ParseError: %v", err)
			assert.Equal(t, tc.want, pe.File)
		})
	}
}

// TestCacheFileAFIFO: a FIFO where the cache file would be is not
// opened (it would block) but replaced by a cache built from the feed.
func TestCacheFileAFIFO(t *testing.T) {
	feed := writeFeedFolder(t, filepath.Join(t.TempDir(), "feed"))
	opts := LoadOptions{Cache: true}
	cp, err := CachePath(feed, opts)
	require.NoError(t, err)
	require.NoError(t, syscall.Mkfifo(cp, 0o644))
	done := make(chan error, 1)
	go func() {
		_, err := LoadFeeds(context.Background(), []Source{{Path: feed}}, opts)
		done <- err
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the load hangs on a FIFO in place of the cache file")
	}
	st, err := os.Stat(cp)
	require.NoError(t, err)
	assert.True(t, st.Mode().IsRegular(), "the FIFO is replaced by the cache")
}
