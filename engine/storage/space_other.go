//go:build !linux && !darwin

package storage

import "errors"

// freeBytes is not implemented here: the space guard lets every write through.
func freeBytes(string) (uint64, error) { return 0, errors.ErrUnsupported }
