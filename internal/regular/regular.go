// Package regular reads the files crossmeet is given or finds (a
// programme's files, replies, the ledger, plan.json) only when they are
// regular files within a size limit: a FIFO would block the open, a
// link to /dev/zero would fill memory. Each file is checked before it is
// opened and again once open.
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

var (
	// ErrNotRegular: the file is a FIFO, device, socket or folder
	// (travel.ErrNotRegular and program.ErrNotRegular are this one).
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is past its limit (program.ErrTooLarge and
	// invite.ErrTooLarge are this one).
	ErrTooLarge = errors.New("file too large")
)

// Check returns an error wrapping ErrNotRegular that says what a file of
// mode m is (a FIFO, a device, …), or nil for a regular file or a folder.
func Check(m fs.FileMode) error {
	what := ""
	switch {
	case m.IsRegular() || m.IsDir():
		return nil
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	default:
		what = "a special file"
	}
	return fmt.Errorf("%w: it is %s; crossmeet reads regular files only", ErrNotRegular, what)
}

// CheckInfo returns an error when st is not a regular file (a folder
// included) or is larger than limit bytes.
func CheckInfo(st fs.FileInfo, limit int64) error {
	if st.IsDir() {
		return fmt.Errorf("%w: it is a folder; crossmeet reads regular files only", ErrNotRegular)
	}
	if err := Check(st.Mode()); err != nil {
		return err
	}
	if st.Size() > limit {
		return fmt.Errorf("%w: %s, more than the limit of %s", ErrTooLarge, Size(st.Size()), Size(limit))
	}
	return nil
}

// ReadFS reads name from fsys when it is a regular file of at most limit
// bytes. A missing file gives an error wrapping fs.ErrNotExist.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := CheckInfo(st, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if err := CheckInfo(st, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %s", ErrTooLarge, Size(limit))
	}
	return data, nil
}

// ReadFile reads the file at path as ReadFS does, its errors naming the
// path.
func ReadFile(path string, limit int64) ([]byte, error) {
	data, err := ReadFS(pathFS{}, path, limit)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		var pe *fs.PathError
		if !errors.As(err, &pe) {
			err = &fs.PathError{Op: "read", Path: path, Err: err}
		}
	}
	return data, err
}

// pathFS opens operating-system paths as they are (os.DirFS refuses
// absolute ones).
type pathFS struct{}

func (pathFS) Open(name string) (fs.File, error) { return os.Open(name) }

func (pathFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// Size writes n bytes for a message: "1.0 MiB", "812 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
