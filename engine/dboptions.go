package engine

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Database options set by ALTER DATABASE … SET (READ_COMMITTED_SNAPSHOT,
// ALLOW_SNAPSHOT_ISOLATION, COMPATIBILITY_LEVEL, AUTO_CLOSE, AUTO_SHRINK,
// PAGE_VERIFY, TRUSTWORTHY …) are recorded in master and shown by
// sys.databases, so scripts that set an option and then check it (or skip
// the ALTER when the view already shows it) behave as on SQL Server.
// ALLOW_SNAPSHOT_ISOLATION and READ_COMMITTED_SNAPSHOT change how sessions
// read the database (readpoint.go, exec/snapshot.go); the others are kept
// only.

// compatibilityLevels are the levels SQL Server 2022 accepts.
var compatibilityLevels = map[string]bool{"100": true, "110": true, "120": true, "130": true, "140": true, "150": true, "160": true}

func (inst *Instance) setDatabaseOption(db string, o *ast.SetDBOption) error {
	name, value := strings.ToUpper(o.Name), strings.ToUpper(o.Value)
	if name == "COMPATIBILITY_LEVEL" && !compatibilityLevels[value] {
		return &exec.Error{Number: 15048, Severity: 16, State: 1, Message: "Valid values of the database compatibility level are 100, 110, 120, 130, 140, 150, or 160."}
	}
	err := inst.UpdateServer(func(s *catalog.Server) error {
		x := s.Database(db)
		if x == nil {
			return nil
		}
		if x.Options == nil {
			x.Options = map[string]string{}
		}
		x.Options[name] = value
		return nil
	})
	if err != nil {
		return err
	}
	if d := inst.Database(db); d != nil {
		d.versioning.load(inst.Entry(db)) // readpoint.go
	}
	return nil
}

// databaseOptionOn reports whether option is ON for e (def when never set).
func databaseOptionOn(e *catalog.DatabaseEntry, option string, def bool) bool {
	v, ok := e.Options[option]
	if !ok {
		return def
	}
	return v == "ON" || strings.HasPrefix(v, "ON ") || v == "TRUE" || v == "1"
}

// compatibilityLevel is e's COMPATIBILITY_LEVEL (160, SQL Server 2022's, by default).
func compatibilityLevel(e *catalog.DatabaseEntry) int64 {
	if n, err := strconv.Atoi(e.Options["COMPATIBILITY_LEVEL"]); err == nil {
		return int64(n)
	}
	return 160
}

// pageVerify is e's PAGE_VERIFY option and its code.
func pageVerify(e *catalog.DatabaseEntry) (int64, string) {
	switch e.Options["PAGE_VERIFY"] {
	case "NONE":
		return 0, "NONE"
	case "TORN_PAGE_DETECTION":
		return 1, "TORN_PAGE_DETECTION"
	}
	return 2, "CHECKSUM"
}
