package engine

import (
	"fmt"
	"math"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_helpdb's db_size and sp_databases' DATABASE_SIZE are the database's
// files as sys.database_files sizes them (files.go), not a constant: DBAs
// read them to see what a database takes. db_size is SQL Server's
// STR(SUM(size) / 128, 10, 2) + ' MB'; DATABASE_SIZE is in KB. A database
// that is not open (a mirror, one being restored) has NULL, as SQL Server's
// procedures, which cannot read its sys.database_files, leave it.

// databasePages is db's size in 8 KB pages, as sys.database_files.size sums.
func databasePages(db *Database) (int64, bool) {
	if db == nil {
		return 0, false
	}
	var pages int64
	for _, f := range db.files() {
		pages += min(max(f.pages, f.setting.SizePages), math.MaxInt32)
	}
	return pages, true
}

func helpDBSize(db *Database) types.Value {
	pages, ok := databasePages(db)
	if !ok {
		return types.Null(types.NVarChar)
	}
	return types.NewNVarChar(fmt.Sprintf("%10.2f MB", float64(pages)/128))
}

func databaseSizeKB(db *Database) types.Value {
	pages, ok := databasePages(db)
	if !ok {
		return types.Null(types.Int)
	}
	return types.NewInt(int32(min(pages*8, math.MaxInt32)))
}
