package mirroring_test

import (
	"errors"

	mssql "github.com/microsoft/go-mssqldb"
)

// errNumbers returns the SQL Server error numbers carried by err, first error
// first (a login failure carries all the server's errors in All), or nil when
// err is not a server error.
func errNumbers(err error) []int32 {
	var e mssql.Error
	if !errors.As(err, &e) {
		return nil
	}
	if len(e.All) == 0 {
		return []int32{e.Number}
	}
	var out []int32
	for _, x := range e.All {
		out = append(out, x.Number)
	}
	return out
}

// errNumber is the first SQL Server error number in err (0 if none).
func errNumber(err error) int32 {
	if n := errNumbers(err); len(n) > 0 {
		return n[0]
	}
	return 0
}

// hasNumber reports whether err carries SQL Server error n.
func hasNumber(err error, n int32) bool {
	for _, x := range errNumbers(err) {
		if x == n {
			return true
		}
	}
	return false
}
