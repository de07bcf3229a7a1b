package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// lookupCollation resolves a COLLATE name, including DATABASE_DEFAULT
// (and its catalog twin CATALOG_DEFAULT): the collation of the session's
// current database — what temp-table columns declared COLLATE
// DATABASE_DEFAULT take, so they compare with the user database's columns
// (scripts do this to avoid collation conflicts with tempdb).
func lookupCollation(s *Session, name string) (types.Collation, error) {
	switch strings.ToUpper(name) {
	case "DATABASE_DEFAULT", "CATALOG_DEFAULT":
		if s != nil && s.db != nil {
			return s.catalogFor(s.db).Collation, nil
		}
		return types.DefaultCollation, nil
	}
	return types.LookupCollation(name)
}
