package program

// SetCalendarsBytes lowers MaxCalendarsBytes for a test and returns the
// function that puts it back.
func SetCalendarsBytes(n int64) (restore func()) {
	old := calendarsBytes
	calendarsBytes = n
	return func() { calendarsBytes = old }
}
