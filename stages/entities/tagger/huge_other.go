//go:build !linux

package tagger

// hugePage is the size of a huge page, for the tests' tables.
const hugePage = 2 << 20

// hugeSlice is make: huge pages are asked for on Linux only.
func hugeSlice[T any](n int) []T { return make([]T, n) }

func settle[T any]([]T) {}
