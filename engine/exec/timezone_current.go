package exec

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// CURRENT_TIMEZONE() and CURRENT_TIMEZONE_ID() (SQL Server 2022): the time
// zone the server observes, which for this process is time.Local — the
// TZ environment variable or /etc/localtime, as for GETDATE().
//
// SQL Server names it as Windows does. The IANA zone maps back to the
// Windows zone whose CLDR default it is (timezone_cldr.go); a zone that is
// no Windows zone's default (or an unnamed one) is reported as UTC, the
// zone SQL Server on Linux reports when none is configured. Windows's
// display names ("(UTC+01:00) Amsterdam, Berlin, …") are registry text
// that no public table carries, so CURRENT_TIMEZONE() gives the offset
// and the zone's id instead, and SQL Server's own text for UTC.

// serverZone is the Windows id of the server's time zone, worked out once.
var serverZone = sync.OnceValue(func() string {
	iana := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if iana == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if i := strings.Index(target, "zoneinfo/"); i >= 0 {
				iana = target[i+len("zoneinfo/"):]
			}
		}
	}
	for _, z := range windowsZones {
		if z.iana == iana {
			return z.name
		}
	}
	return "UTC"
})

// timezoneTextType is the type of both functions' results (documented as
// varchar; the length is ours, long enough for every Windows zone id).
var timezoneTextType = types.Type{ID: types.VarChar, Length: 128}

// currentTimeZone compiles CURRENT_TIMEZONE() (display) or
// CURRENT_TIMEZONE_ID() (the id); they take no arguments (174).
func (c *compiler) currentTimeZone(name string, nargs int, display bool) (*expr, error) {
	if nargs != 0 {
		return nil, types.ErrFuncArgs(name, 0)
	}
	return &expr{typ: timezoneTextType, col: -1, eval: func(*evalCtx, Row) (types.Value, error) {
		id := serverZone()
		if !display {
			return types.NewVarChar(id), nil
		}
		if id == "UTC" {
			return types.NewVarChar("(UTC) Coordinated Universal Time"), nil
		}
		loc, err := lookupZone(id)
		if err != nil {
			return types.NewVarChar(id), nil
		}
		// The zone's standard offset: the smaller of January's and July's.
		y := time.Now().Year()
		_, jan := time.Date(y, 1, 1, 0, 0, 0, 0, loc).Zone()
		_, jul := time.Date(y, 7, 1, 0, 0, 0, 0, loc).Zone()
		off := min(jan, jul)
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		return types.NewVarChar(fmt.Sprintf("(UTC%c%02d:%02d) %s", sign, off/3600, off/60%60, id)), nil
	}}, nil
}
