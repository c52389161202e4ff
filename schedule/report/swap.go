package report

import (
	"fmt"
	"os"
)

// swapRenames exchanges folders a and b by two renames through a third
// name. Between them b is briefly absent, never half-written; when the
// second rename fails the first is undone.
func swapRenames(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		if uerr := os.Rename(old, b); uerr != nil {
			return fmt.Errorf("%w; the earlier outputs are in %s", err, old)
		}
		return err
	}
	return os.Rename(old, a)
}
