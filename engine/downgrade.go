package engine

import (
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// errDowngrade is SQL Server's 948 for a database whose files a newer release
// wrote (its catalog, its log's control file or a log block of a version
// above this release's, or a log record of a kind it does not know;
// docs/compatibility.md), or nil when err is not that.
// A downgrade is not supported, as on SQL Server: the instance refuses to
// start rather than misread the files — or take a newer log's blocks for a
// torn tail and zero them.
func errDowngrade(db string, err error) *exec.Error {
	version, supported := 0, 0
	var newerLog *txlog.NewerFormatError
	var newerCatalog *catalog.NewerFormatError
	switch {
	case errors.As(err, &newerLog):
		version, supported = newerLog.Version, newerLog.Supported
	case errors.As(err, &newerCatalog):
		version, supported = newerCatalog.Version, catalog.FormatVersion
	default:
		return nil
	}
	return &exec.Error{Number: 948, Severity: 20, State: 1, Message: txlog.DowngradeMessage(db, version, supported)}
}
