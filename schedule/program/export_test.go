package program

// SetCalendarsBytes lowers MaxCalendarsBytes for a test and returns the
// function that puts it back.
func SetCalendarsBytes(n int64) (restore func()) {
	old := calendarsBytes
	calendarsBytes = n
	return func() { calendarsBytes = old }
}

// SetSheetUnzipped lowers the inflated size a workbook may have for a
// test and returns the function that puts it back.
func SetSheetUnzipped(n int64) (restore func()) {
	old := maxSheetUnzipped
	maxSheetUnzipped = n
	return func() { maxSheetUnzipped = old }
}
