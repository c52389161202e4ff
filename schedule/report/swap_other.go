//go:build !linux

package report

func swap(a, b string) error { return swapRenames(a, b) }
