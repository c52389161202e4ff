package report

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges folders a and b atomically (renameat2 RENAME_EXCHANGE,
// Linux 3.15), falling back to two renames where the file system lacks it.
func swap(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return swapRenames(a, b)
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}
