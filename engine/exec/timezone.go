package exec

//go:generate go run timezone_gen.go

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // IANA rules even on a machine without /usr/share/zoneinfo

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// AT TIME ZONE and sys.time_zone_info.
//
// SQL Server names time zones as Windows does ('Pacific Standard Time');
// each name maps to the IANA zone Unicode CLDR gives as its world-wide
// default (timezone_cldr.go, generated from CLDR's windowsZones.xml), and
// Go's IANA rules (embedded with time/tzdata) do the arithmetic. Dates
// before a zone's current rules follow IANA's history where Windows applies
// its registry rules (a zone's local mean time before 1900 has seconds in
// its offset; datetimeoffset keeps whole minutes, so they are dropped).

var (
	errTimeZone    = errorKind{9820, 16, 1, "The time zone parameter '%s' provided to AT TIME ZONE clause is invalid.", AbortStatement}
	errTimeZoneArg = errorKind{8116, 16, 1, "Argument data type %s is invalid for argument %d of AT TIME ZONE function.", AbortStatement}
)

// zoneByName maps lower-case Windows zone names to windowsZones entries;
// zoneCache holds the loaded locations (name → *time.Location).
var (
	zoneByName = func() map[string]int {
		m := make(map[string]int, len(windowsZones))
		for i, z := range windowsZones {
			m[strings.ToLower(z.name)] = i
		}
		return m
	}()
	zoneCache sync.Map
)

// lookupZone returns the location of a Windows time zone name, matched
// without regard to case as SQL Server does, or error 9820.
func lookupZone(name string) (*time.Location, error) {
	i, ok := zoneByName[strings.ToLower(name)]
	if !ok {
		return nil, errTimeZone.New(name)
	}
	if l, ok := zoneCache.Load(i); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(windowsZones[i].iana)
	if err != nil {
		return nil, errTimeZone.New(name)
	}
	zoneCache.Store(i, l)
	return l, nil
}

// atTimeZone compiles X AT TIME ZONE Zone. The result is datetimeoffset
// with X's fractional-second scale (datetime 3, smalldatetime 0).
func (c *compiler) atTimeZone(e *ast.AtTimeZoneExpr) (*expr, error) {
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	z, err := c.expr(e.Zone)
	if err != nil {
		return nil, err
	}
	t := types.Type{ID: types.DateTimeOffset}
	switch x.typ.ID {
	case types.DateTime2, types.DateTimeOffset:
		t.Scale = x.typ.Scale
	case types.DateTime:
		t.Scale = 3
	case types.SmallDateTime:
	default:
		return nil, errTimeZoneArg.New(x.typ.ID.Name(), 1)
	}
	if !z.typ.ID.IsString() && z.typ.ID != types.Unknown {
		return nil, errTimeZoneArg.New(z.typ.ID.Name(), 2)
	}
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		zv, err := z.eval(ec, row)
		if err != nil || zv.IsNull() {
			return types.Null(types.DateTimeOffset), err
		}
		loc, err := lookupZone(zv.Str())
		if err != nil {
			return types.Value{}, err
		}
		v, err := x.eval(ec, row)
		if err != nil || v.IsNull() {
			return types.Null(types.DateTimeOffset), err
		}
		return inZone(v, loc, t)
	}
	return &expr{typ: t, col: -1, eval: eval}, nil
}

// inZone converts v to datetimeoffset type t in loc: a datetimeoffset is
// the same instant seen in loc; any other date/time is a wall clock in
// loc (localInstant).
func inZone(v types.Value, loc *time.Location, t types.Type) (types.Value, error) {
	var u time.Time
	if v.TypeID() == types.DateTimeOffset {
		u = v.Time()
	} else {
		u = localInstant(v.Time(), loc)
	}
	u = u.In(loc)
	if _, off := u.Zone(); off%60 != 0 {
		// Local mean time: keep the wall clock's whole minutes.
		u = u.Add(-time.Duration(off%60) * time.Second).In(time.FixedZone("", off-off%60))
	}
	return types.FromTime(u, t)
}

// localInstant returns the instant at which loc's clocks show wall (read
// as UTC), as SQL Server's AT TIME ZONE chooses it: a wall clock in the gap
// of a forward change (it never shows) is read with the offset before the
// change, so it lands after the change and shows that many minutes later
// (02:30 in a 02:00→03:00 gap is 03:30 in daylight time); a wall clock
// shown twice by a backward change is read with the offset before the
// change (the first of the two instants).
func localInstant(wall time.Time, loc *time.Location) time.Time {
	// Offsets one day either side of the wall clock: no zone changes its
	// offset twice in a day, so they are the offsets before and after
	// any change near it.
	_, before := wall.Add(-24 * time.Hour).In(loc).Zone()
	_, after := wall.Add(24 * time.Hour).In(loc).Zone()
	valid := func(off int) bool {
		_, o := wall.Add(-time.Duration(off) * time.Second).In(loc).Zone()
		return o == off
	}
	switch {
	case valid(before):
		return wall.Add(-time.Duration(before) * time.Second)
	case valid(after):
		return wall.Add(-time.Duration(after) * time.Second)
	}
	return wall.Add(-time.Duration(before) * time.Second) // in the gap
}

// sys.time_zone_info: one row per zone, with its offset from UTC now as
// '+hh:mm' and whether daylight time is in force now.
func init() {
	systemViews["sys.time_zone_info"] = &virtualTable{
		cols: []vcol{{"name", vName}, {"current_utc_offset", types.NVarCharType(12)}, {"is_currently_dst", vBit}},
		rows: func(*Session, Database) ([]Row, error) {
			now := time.Now()
			rows := make([]Row, 0, len(windowsZones))
			for _, z := range windowsZones {
				loc, err := lookupZone(z.name)
				if err != nil {
					continue // a name this build's tzdata lacks
				}
				lt := now.In(loc)
				_, off := lt.Zone()
				rows = append(rows, Row{types.NewString(types.NVarChar, z.name),
					types.NewString(types.NVarChar, formatUTCOffset(off)), types.NewBit(lt.IsDST())})
			}
			return rows, nil
		},
	}
}

// formatUTCOffset formats an offset in seconds as SQL Server shows one:
// +hh:mm or -hh:mm.
func formatUTCOffset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign, sec = '-', -sec
	}
	m := sec / 60
	return string([]byte{sign, byte('0' + m/600), byte('0' + m/60%10), ':', byte('0' + m%60/10), byte('0' + m%10)})
}
