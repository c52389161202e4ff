package travel

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCorruptZipIsAnError: a feed whose stop_times.txt is damaged inside
// the zip (the deflated data, read by klauspost/compress) gives an error
// located in that file, not a panic or a timetable with trips missing.
func TestCorruptZipIsAnError(t *testing.T) {
	var names []string
	for name := range testFeedFiles {
		names = append(names, name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var at int64
	for _, name := range names {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(testFeedFiles[name]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	good := buf.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == "stop_times.txt" {
			at, err = f.DataOffset()
			require.NoError(t, err)
			at += int64(f.CompressedSize64) / 2
		}
	}
	require.NotZero(t, at)
	bad := bytes.Clone(good)
	for i := at; i < at+8; i++ {
		bad[i] ^= 0xa5
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.zip")
	require.NoError(t, os.WriteFile(path, bad, 0o644))
	_, err = LoadFeeds(context.Background(), []Source{{Path: path}}, LoadOptions{})
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "stop_times.txt", pe.File)
}
