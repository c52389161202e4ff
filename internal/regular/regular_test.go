//go:build unix

package regular

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
		want error  // nil: read
		what string // in the message
	}{
		{"a regular file", func(p string) error { return os.WriteFile(p, []byte("hello"), 0o644) }, nil, ""},
		{"a link to a regular file", func(p string) error {
			if err := os.WriteFile(p+".real", []byte("hello"), 0o644); err != nil {
				return err
			}
			return os.Symlink(p+".real", p)
		}, nil, ""},
		{"a FIFO", func(p string) error { return syscall.Mkfifo(p, 0o644) }, ErrNotRegular, "it is a FIFO"},
		{"a link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, ErrNotRegular, "it is a device"},
		{"a folder", func(p string) error { return os.Mkdir(p, 0o755) }, ErrNotRegular, "it is a folder"},
		{"past the limit", func(p string) error { return os.WriteFile(p, []byte("hello!"), 0o644) }, ErrTooLarge, "6 bytes, more than the limit of 5"},
		{"missing", func(string) error { return nil }, fs.ErrNotExist, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			require.NoError(t, tc.make(p))
			data, err := ReadFile(p, 5)
			if tc.want == nil {
				require.NoError(t, err)
				assert.Equal(t, "hello", string(data))
				return
			}
			assert.ErrorIs(t, err, tc.want)
			assert.ErrorContains(t, err, tc.what)
		})
	}
}
