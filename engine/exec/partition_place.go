package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Placing tables and indexes on partition schemes (ON scheme(column)) and
// computing a value's partition: the partition function's boundaries
// decide, as $PARTITION.function(value) shows.

var (
	errInvalidScheme        = errorKind{1921, 16, 1, "Invalid partition scheme '%s' specified.", AbortStatement}
	errPartitionColMissing  = errorKind{1911, 16, 1, "Column name '%s' does not exist in the target table, index or view.", AbortStatement}
	errPartitionColNotInKey = errorKind{1908, 16, 1, "Column '%s' is partitioning column of the index '%s'. Partition columns for a unique index must be a subset of the index key.", AbortStatement}
	errPartitionColNotPers  = errorKind{7724, 16, 1, "Computed column cannot be used as a partition key if it is not persisted. Partition key column '%s' in table '%s' is not persisted.", AbortStatement}
	errPartitionColType     = errorKind{7726, 16, 1, "Partition column '%s' has data type %s which is different from the partition function '%s' parameter data type %s.", AbortStatement}
	errPartitionColColl     = errorKind{7727, 16, 1, "Collation of partition column '%s' does not match collation of corresponding parameter in partition function '%s'.", AbortStatement}
)

// partitioning is an index's partition function with its boundaries
// decoded, ready to place values.
type partitioning struct {
	scheme *catalog.PartitionScheme
	fn     *catalog.PartitionFunction
	vals   []types.Value
	col    int // partitioning column's position in the table
}

// partitioningOf returns ix's partitioning, nil for an index that is not
// partitioned (or whose scheme is gone).
func partitioningOf(cat *catalog.Database, ix *catalog.Index) (*partitioning, error) {
	if !ix.IsPartitioned() {
		return nil, nil
	}
	ps := cat.PartitionScheme(ix.Scheme)
	if ps == nil {
		return nil, nil
	}
	f := cat.PartitionFunction(ps.Function)
	if f == nil {
		return nil, nil
	}
	vals, err := f.Values()
	if err != nil {
		return nil, err
	}
	return &partitioning{scheme: ps, fn: f, vals: vals, col: ix.PartitionColumn}, nil
}

// count is the number of partitions (1 for nil: an unpartitioned index).
func (p *partitioning) count() int {
	if p == nil {
		return 1
	}
	return len(p.vals) + 1
}

// of returns the 1-based partition of v (of the function's type). NULL
// sorts below every boundary: partition 1, unless it is itself a RANGE
// RIGHT boundary.
func (p *partitioning) of(v types.Value) (int, error) {
	if p == nil {
		return 1, nil
	}
	var cmpErr error
	k := sort.Search(len(p.vals), func(i int) bool {
		c, err := compareBoundary(p.vals[i], v, p.fn.Type)
		if err != nil {
			cmpErr = err
		}
		if p.fn.Right {
			return c > 0 // first boundary above v
		}
		return c >= 0 // first boundary at or above v
	})
	return k + 1, cmpErr
}

// rowPartition is the partition of a table row under p.
func (p *partitioning) rowPartition(row Row) (int, error) {
	if p == nil || p.col >= len(row) {
		return 1, nil
	}
	v := row[p.col]
	if !v.IsNull() && v.Type().ID != p.fn.Type.ID {
		var err error
		if v, err = types.Convert(v, p.fn.Type, 0); err != nil {
			return 0, err
		}
	}
	return p.of(v)
}

// placeIndex puts ix of t on data space ds: a partition scheme with its
// column, or a filegroup (not partitioned). ds nil places an index where
// the table's row store is, as SQL Server aligns an index created without
// ON with its partitioned table.
func placeIndex(cat *catalog.Database, t *catalog.Table, ix *catalog.Index, ds *ast.DataSpace) error {
	if ds == nil {
		rs := t.RowStore()
		if ix == rs {
			return nil
		}
		ix.Scheme, ix.PartitionColumn = rs.Scheme, rs.PartitionColumn
		return checkUniquePartitioning(t, ix)
	}
	if ds.Column == nil {
		ix.Scheme, ix.PartitionColumn = "", 0 // a filegroup: the one store
		return nil
	}
	ps := cat.PartitionScheme(ds.Name.Name)
	if ps == nil {
		return errInvalidScheme.New(ds.Name.Name)
	}
	pos, col := t.Column(ds.Column.Name)
	if col == nil {
		return errPartitionColMissing.New(ds.Column.Name)
	}
	if col.Computed != "" {
		return errPartitionColNotPers.New(col.Name, t.Name)
	}
	f := cat.PartitionFunction(ps.Function)
	if f == nil {
		return errInvalidScheme.New(ds.Name.Name)
	}
	ct, ft := col.Type, f.Type
	if ct.ID != ft.ID || ct.Length != ft.Length || ct.Precision != ft.Precision || ct.Scale != ft.Scale {
		return errPartitionColType.New(col.Name, ct.String(), f.Name, ft.String())
	}
	if ct.ID.IsString() && ct.Collation.Name() != ft.Collation.Name() {
		return errPartitionColColl.New(col.Name, f.Name)
	}
	ix.Scheme, ix.PartitionColumn = ps.Name, pos
	return checkUniquePartitioning(t, ix)
}

// checkUniquePartitioning is SQL Server's rule that a unique index's key
// holds its partitioning column (1908).
func checkUniquePartitioning(t *catalog.Table, ix *catalog.Index) error {
	if !ix.IsPartitioned() || !ix.Unique {
		return nil
	}
	for _, kc := range ix.Columns {
		if kc.Column == ix.PartitionColumn {
			return nil
		}
	}
	return errPartitionColNotInKey.New(t.Columns[ix.PartitionColumn].Name, ix.Name)
}

// placeNewTable places the indexes of a table made by CREATE TABLE st:
// the row store on the table's ON (or its clustered key constraint's),
// every other index on its constraint's ON or aligned with the table.
func placeNewTable(cat *catalog.Database, t *catalog.Table, st *ast.CreateTableStmt) error {
	var keys []*ast.Constraint // PRIMARY KEY / UNIQUE in the order addConstraint saw them
	for _, cd := range st.Columns {
		for _, c := range cd.Constraints {
			if c.Kind == ast.PrimaryKey || c.Kind == ast.UniqueKey {
				keys = append(keys, c)
			}
		}
	}
	for _, c := range st.Constraints {
		if c.Kind == ast.PrimaryKey || c.Kind == ast.UniqueKey {
			keys = append(keys, c)
		}
	}
	var keyIxs []*catalog.Index
	for _, ix := range t.Indexes {
		if ix.Constraint {
			keyIxs = append(keyIxs, ix)
		}
	}
	sort.SliceStable(keyIxs, func(i, j int) bool { return keyIxs[i].ConstraintID < keyIxs[j].ConstraintID })
	on := map[*catalog.Index]*ast.DataSpace{}
	for i, ix := range keyIxs {
		if i < len(keys) && keys[i].On != nil {
			on[ix] = keys[i].On
		}
	}
	rs := t.RowStore()
	ds := st.On
	if d := on[rs]; d != nil {
		ds = d
	}
	if ds == nil && !anyPartitioned(on) {
		return nil
	}
	if ds != nil {
		if err := placeIndex(cat, t, rs, ds); err != nil {
			return err
		}
	}
	for _, ix := range t.Indexes {
		if ix == rs {
			continue
		}
		if err := placeIndex(cat, t, ix, on[ix]); err != nil {
			return err
		}
	}
	return nil
}

func anyPartitioned(on map[*catalog.Index]*ast.DataSpace) bool {
	for _, ds := range on {
		if ds.Column != nil {
			return true
		}
	}
	return false
}

// tablePartitioned reports a table any of whose indexes is partitioned.
func tablePartitioned(t *catalog.Table) bool {
	for _, ix := range t.Indexes {
		if ix.IsPartitioned() {
			return true
		}
	}
	return false
}

// dataSpaceID is sys.indexes.data_space_id of ix: its scheme's, or the
// PRIMARY filegroup's.
func dataSpaceID(cat *catalog.Database, ix *catalog.Index) int32 {
	if ix.IsPartitioned() {
		if ps := cat.PartitionScheme(ix.Scheme); ps != nil {
			return ps.ID
		}
	}
	return 1
}

// partitionFunc compiles $PARTITION.function(value): the partition value
// falls into, by the current database's function.
func (c *compiler) partitionFunc(f *ast.FuncCall) (*expr, error) {
	name := f.Name.Last()
	fn := c.s.catalogFor(c.s.db).PartitionFunction(name)
	if fn == nil {
		return nil, ErrInvalidObject.New(name)
	}
	if len(f.Args) != 1 {
		return nil, &Error{Number: 174, Severity: 15, State: 1, Message: "The $PARTITION." + name + " function requires 1 argument(s)."}
	}
	vals, err := fn.Values()
	if err != nil {
		return nil, err
	}
	arg, err := c.expr(f.Args[0])
	if err != nil {
		return nil, err
	}
	p := &partitioning{fn: fn, vals: vals}
	return &expr{typ: types.TypeInt, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		v, err := arg.eval(ec, row)
		if err != nil {
			return types.Value{}, err
		}
		if !v.IsNull() {
			if v, err = types.Convert(v, fn.Type, 0); err != nil {
				return types.Value{}, err
			}
		}
		n, err := p.of(v)
		return types.NewInt(int32(n)), err
	}}, nil
}

// isPartitionFunc reports $PARTITION.function(…).
func isPartitionFunc(f *ast.FuncCall) bool {
	return len(f.Name.Parts) == 2 && strings.EqualFold(f.Name.Parts[0].Name, "$PARTITION")
}

// partitionOrdinal is sys.index_columns.partition_ordinal of column col of
// ix: 1 for a partitioned index's partitioning column, else 0.
func partitionOrdinal(ix *catalog.Index, col int) uint8 {
	if ix.IsPartitioned() && ix.PartitionColumn == col {
		return 1
	}
	return 0
}

// extraPartitionColumn is the partitioning column of a partitioned index
// that neither keys nor includes it: SQL Server lists it in
// sys.index_columns with key_ordinal 0 and partition_ordinal 1.
func extraPartitionColumn(ix *catalog.Index) (int, bool) {
	if !ix.IsPartitioned() {
		return 0, false
	}
	for _, kc := range ix.Columns {
		if kc.Column == ix.PartitionColumn {
			return 0, false
		}
	}
	for _, c := range ix.Included {
		if c == ix.PartitionColumn {
			return 0, false
		}
	}
	return ix.PartitionColumn, true
}

// partitionedOn reports an index of t partitioned on column i: the column
// cannot be dropped (5074, as SQL Server names the table's partitioning).
func partitionedOn(t *catalog.Table, i int) bool {
	for _, ix := range t.Indexes {
		if ix.IsPartitioned() && ix.PartitionColumn == i {
			return true
		}
	}
	return false
}

// dropExistingPlacement runs CREATE INDEX … WITH (DROP_EXISTING = ON)
// [ON …] of an index whose definition does not change: how DBAs move an
// index, or a table by its clustered index, onto a partition scheme.
// Rows stay where they are (partitions are computed), so only the
// placement changes. handled is false without DROP_EXISTING = ON.
func (s *Session) dropExistingPlacement(ctx context.Context, st *ast.CreateIndexStmt) (handled bool, err error) {
	drop := false
	for _, o := range st.Options {
		if o.Name == "DROP_EXISTING" && strings.EqualFold(o.Word, "ON") {
			drop = true
		}
	}
	if !drop {
		return false, nil
	}
	tr, ok, err := s.resolveTable(st.Table)
	if err != nil || !ok {
		return false, err // the ordinary path reports it
	}
	if tr.t.Index(st.Name.Name) == nil {
		return true, &Error{Number: 7999, Severity: 16, State: 9, Message: "Could not find any index named '" + st.Name.Name + "' for table '" + tr.displayName() + "'."}
	}
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return true, err
	}
	ix := t.Index(st.Name.Name)
	cols, err := keyColumns(t, st.Columns)
	if err != nil {
		return true, err
	}
	var inc []int
	for _, id := range st.Include {
		i, c := t.Column(id.Name)
		if c == nil {
			return true, ErrInvalidColumn.New(id.Name)
		}
		inc = append(inc, i)
	}
	filter := ""
	if st.Where != nil {
		filter = st.Where.SQL()
	}
	clustered := st.Cluster == ast.Clustered
	same := ix.Clustered == clustered && ix.Unique == st.Unique && ix.Filter == filter && len(ix.Columns) == len(cols) && len(ix.Included) == len(inc)
	for i := 0; same && i < len(cols); i++ {
		same = ix.Columns[i] == cols[i]
	}
	for i := 0; same && i < len(inc); i++ {
		same = ix.Included[i] == inc[i]
	}
	if !same { // clustered_index.go
		nix := &catalog.Index{Name: ix.Name, Columns: cols, Included: inc, Unique: st.Unique, Filter: filter}
		indexStorageOptions(nix, st.Options) // ddl_objects.go
		return true, s.redefineIndex(ctx, &tableRef{db: tr.db, cat: cat, t: t}, cat, t, ix, nix, clustered, st.On)
	}
	ix.FillFactor, ix.Padded, ix.IgnoreDupKey, ix.Compression, ix.NoRowLocks, ix.NoPageLocks = 0, false, false, 0, false, false // the rebuilt index has the new options
	indexStorageOptions(ix, st.Options)
	if st.On == nil {
		return true, nil
	}
	return true, placeIndex(cat, t, ix, st.On)
}
