package invite

import (
	"github.com/crossmeet/crossmeet/internal/regular"
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
var ErrTooLarge = regular.ErrTooLarge

// ReadRepliesFile reads the replies of the file at path as ReadReplies
// does, when it is a regular file (a symbolic link is followed) of at
// most MaxReplyBytes.
func ReadRepliesFile(path string) ([]Reply, error) {
	data, err := regular.ReadFile(path, MaxReplyBytes)
	if err != nil {
		return nil, err
	}
	return ReadReplies(path, data)
}
