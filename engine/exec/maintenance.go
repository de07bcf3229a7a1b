package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Index maintenance, as DBA jobs run it every night (ALTER INDEX …
// REBUILD/REORGANIZE; UPDATE STATISTICS and sp_updatestats are in
// stats_update.go). The store is an LSM tree that compacts itself and keeps
// no pages to defragment, so these check their names and succeed without
// work: the jobs keep running unchanged against a mirrorsql database. ALTER
// INDEX … DISABLE, and the REBUILD that enables a disabled index again, are
// in index_disable.go.

func errCannotFindObject(name string) error {
	return &Error{Number: 1088, Severity: 16, State: 12, Message: "Cannot find the object \"" + name + "\" because it does not exist or you do not have permissions."}
}

// maintainedTable resolves the table of a maintenance statement: 1088 when
// it does not exist.
func (s *Session) maintainedTable(n *ast.Name) (*tableRef, error) {
	tr, ok, err := s.resolveTable(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errCannotFindObject(n.Last())
	}
	return tr, nil
}

// alterIndex runs ALTER INDEX.
func (s *Session) alterIndex(ctx context.Context, st *ast.AlterIndexStmt, out Output) error {
	tr, err := s.maintainedTable(st.Table)
	if err != nil {
		return err
	}
	if st.Index != nil && tr.t.Index(st.Index.Name) == nil {
		return errCannotFindObject(tr.t.Name + "." + st.Index.Name)
	}
	if st.Partition != nil { // partition_switch.go
		for _, ix := range tr.t.Indexes {
			if (st.Index == nil && !ix.IsHeap()) || (st.Index != nil && strings.EqualFold(ix.Name, st.Index.Name)) {
				if err := s.checkRebuildPartition(context.Background(), tr.cat, ix, "index", ix.Name, st.Partition); err != nil {
					return err
				}
			}
		}
	}
	if len(st.Options) > 0 && (st.Action == "REBUILD" || st.Action == "SET") {
		// REBUILD WITH (DATA_COMPRESSION = PAGE, FILLFACTOR = 90 …) and
		// SET (ALLOW_PAGE_LOCKS = OFF …) change the options they name
		// and keep the others (ddl_objects.go).
		_, t, err := s.alteredTable(ctx, tr)
		if err != nil {
			return err
		}
		for _, ix := range alteredIndexes(t, st.Index) {
			indexStorageOptions(ix, st.Options)
		}
	}
	switch st.Action {
	case "DISABLE":
		return s.disableIndexes(ctx, tr, st, out) // index_disable.go
	case "REBUILD":
		return s.rebuildIndexes(ctx, tr, st)
	case "REORGANIZE":
		if rs := tr.t.RowStore(); rs.Disabled {
			return errClusteredDisabled.New(tr.t.Name, rs.Name)
		}
		if st.Index != nil && tr.t.Index(st.Index.Name).Disabled {
			return errOnDisabledIndex.New(st.Index.Name, tr.t.Name)
		}
		return nil
	case "SET":
		return nil
	}
	return ErrNotSupported.New("ALTER INDEX " + st.Action)
}
