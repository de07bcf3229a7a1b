package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// ErrAlterDatabaseInTran is SQL Server's 226 for ALTER DATABASE inside a
// user transaction (explicit, or opened by IMPLICIT_TRANSACTIONS).
var ErrAlterDatabaseInTran = errorKind{226, 16, 6, "ALTER DATABASE statement not allowed within multi-statement transaction.", AbortStatement}

// AlterDatabaseOptions runs change on db's options (catalog.DatabaseOptions,
// kept in the database's catalog) in the statement's own transaction: the
// change is a logged DDL commit at the statement's end, which a mirror redoes
// and a backup carries. A READ_ONLY database takes it (SET READ_WRITE is
// one); a user transaction does not (226), as in SQL Server, so the options
// never wait for, or roll back with, other work. The catalog's X lock orders
// it with concurrent DDL in db, whose commits publish whole catalogs.
func (s *Session) AlterDatabaseOptions(ctx context.Context, db Database, change func(*catalog.Database)) error {
	if s.nest.Active() {
		return ErrAlterDatabaseInTran.New()
	}
	cat, err := s.copyCatalog(ctx, db)
	if err != nil {
		return err
	}
	s.tx.dbTx(db).writes.DatabaseOptions = true
	change(cat)
	return nil
}
