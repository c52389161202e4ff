// Package regular reads the files crossmeet finds in its output folder
// or is pointed at (replies, the ledger, plan.json) only when they are
// regular files within a size limit: a FIFO would block the open, a link
// to /dev/zero would fill memory.
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
	// ErrTooLarge: the file is past its limit.
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

// ReadFile reads the regular file at path (a symbolic link is followed)
// of at most limit bytes, checking it before it is opened and again once
// open. A missing file gives an error wrapping fs.ErrNotExist.
func ReadFile(path string, limit int64) ([]byte, error) {
	check := func(st os.FileInfo) error {
		if st.IsDir() {
			return &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is a folder", ErrNotRegular)}
		}
		if err := Check(st.Mode()); err != nil {
			return &os.PathError{Op: "read", Path: path, Err: err}
		}
		if st.Size() > limit {
			return fmt.Errorf("%s: %w: %d bytes, more than the limit of %d", path, ErrTooLarge, st.Size(), limit)
		}
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if err := check(st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: more than the limit of %d bytes", path, ErrTooLarge, limit)
	}
	return data, nil
}
