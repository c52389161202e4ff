package schedule

import (
	"errors"

	"github.com/crossmeet/crossmeet/match"
)

// Sentinel errors. Test for them with errors.Is.
var (
	// ErrInvalid marks a programme whose files or fields are malformed or
	// contradict each other. Every error that package program's Load and
	// Program.Validate return wraps it.
	ErrInvalid = errors.New("invalid programme")
	// ErrUnknownID marks a reference to a start-up, contact or place id
	// that the programme does not have. It is an ErrInvalid too.
	ErrUnknownID = match.ErrUnknownID
	// ErrImpossible marks a trip that no travel option can make: no
	// train or car gets there and back within its deadlines.
	ErrImpossible = errors.New("impossible trip")
	// ErrPinNotHeld marks a pin (matching.pin) that the plan does not
	// hold, when Options.StrictPins asks for it to be an error.
	ErrPinNotHeld = errors.New("pin not held")
)

// unknownErr is an ErrUnknownID that is also an ErrInvalid.
type unknownErr struct{ msg string }

func (e *unknownErr) Error() string { return e.msg + ": " + ErrUnknownID.Error() }
func (e *unknownErr) Is(target error) bool {
	return target == ErrUnknownID || target == ErrInvalid
}
