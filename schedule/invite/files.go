package invite

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/crossmeet/crossmeet/travel"
)

// The limits of the files invite reads: far above a season's replies and
// ledger, low enough that a wrong path (a link to /dev/zero, a whole
// mailbox export with its attachments) is an error at once.
const (
	MaxReplyBytes  = 256 << 20 // one .eml, mbox or .ics file of replies
	MaxLedgerBytes = 256 << 20 // the ledger of an output folder
)

// ErrTooLarge is wrapped by the error for a file past its limit. A file
// that is a FIFO, a device or a socket gives an error wrapping
// travel.ErrNotRegular, before it is opened (a FIFO would block).
var ErrTooLarge = errors.New("file too large")

// ReadRepliesFile reads the replies of the file at path as ReadReplies
// does, when it is a regular file (a symbolic link is followed) of at
// most MaxReplyBytes.
func ReadRepliesFile(path string) ([]Reply, error) {
	data, err := readRegular(path, MaxReplyBytes)
	if err != nil {
		return nil, err
	}
	return ReadReplies(path, data)
}

// readRegular reads the regular file at path, of at most limit bytes,
// checking it before it is opened and again once open.
func readRegular(path string, limit int64) ([]byte, error) {
	check := func(st os.FileInfo) error {
		if st.IsDir() {
			return &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is a folder", travel.ErrNotRegular)}
		}
		if err := travel.CheckRegular(st.Mode()); err != nil {
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
