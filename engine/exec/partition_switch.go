package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER TABLE … SWITCH, TRUNCATE TABLE … WITH (PARTITIONS …) and the
// partition numbers of index rebuilds. SQL Server switches by changing
// metadata; here the rows of the switched partition are moved (deleted
// from the source, inserted into the target) inside the statement's
// transaction, so the log carries them to recovery and the mirror like
// any write. SQL Server's checks come first and decide the same way.

var (
	errSwitchNotEmpty       = errorKind{4905, 16, 1, "ALTER TABLE SWITCH statement failed. The target table '%s' must be empty.", AbortStatement}
	errSwitchPartNotEmpty   = errorKind{4904, 16, 1, "ALTER TABLE SWITCH statement failed. The specified partition %d of target table '%s' must be empty.", AbortStatement}
	errSwitchColumnCount    = errorKind{4943, 16, 1, "ALTER TABLE SWITCH statement failed because table '%s' has %d columns and table '%s' has %d columns.", AbortStatement}
	errSwitchColumnName     = errorKind{4942, 16, 1, "ALTER TABLE SWITCH statement failed because column '%s' at ordinal %d in table '%s' has a different name than the column '%s' at the same ordinal in table '%s'.", AbortStatement}
	errSwitchColumnType     = errorKind{4944, 16, 1, "ALTER TABLE SWITCH statement failed because column '%s' has data type %s in source table '%s' which is different from its type %s in target table '%s'.", AbortStatement}
	errSwitchColumnColl     = errorKind{4945, 16, 1, "ALTER TABLE SWITCH statement failed because column '%s' does not have the same collation in tables '%s' and '%s'.", AbortStatement}
	errSwitchColumnNull     = errorKind{4985, 16, 1, "ALTER TABLE SWITCH statement failed because column '%s' does not have the same nullability attribute in tables '%s' and '%s'.", AbortStatement}
	errSwitchNoPartition    = errorKind{4950, 16, 1, "ALTER TABLE SWITCH statement failed because partition number %d does not exist in table '%s'.", AbortStatement}
	errSwitchSameTable      = errorKind{4955, 16, 1, "ALTER TABLE SWITCH statement failed. The source table '%s' and target table '%s' are same.", AbortStatement}
	errSwitchNeedsPartition = errorKind{4911, 16, 1, "Cannot specify a partitioned table without partition number in ALTER TABLE SWITCH statement. The table '%s' is partitioned.", AbortStatement}
	errSwitchSourceCheck    = errorKind{4982, 16, 1, "ALTER TABLE SWITCH statement failed. Check constraints of source table '%s' allow values that are not allowed by range defined by partition %d on target table '%s'.", AbortStatement}
	errSwitchRangeSubset    = errorKind{4973, 16, 1, "ALTER TABLE SWITCH statement failed. Range defined by partition %d in table '%s' is not a subset of range defined by partition %d in table '%s'.", AbortStatement}
	errSwitchClustered      = errorKind{4913, 16, 1, "ALTER TABLE SWITCH statement failed. The table '%s' has clustered index '%s' while the table '%s' does not have clustered index.", AbortStatement}
	errSwitchNoIndex        = errorKind{4947, 16, 1, "ALTER TABLE SWITCH statement failed. There is no identical index in source table '%s' for the index '%s' in target table '%s' .", AbortStatement}
	errSwitchNotTable       = errorKind{4949, 16, 1, "ALTER TABLE SWITCH statement failed because the object '%s' is not a user defined table.", AbortStatement}
	errPartitionNumber      = errorKind{7722, 16, 2, "Invalid partition number %d specified for %s '%s', partition number can range from 1 to %d.", AbortStatement}
	errPartitionRange       = errorKind{7728, 16, 1, "Invalid partition range: %d TO %d. Lower bound must not be greater than upper bound.", AbortStatement}
	errTruncateNotPart      = errorKind{7729, 16, 3, "Cannot specify partition number in the truncate table statement as the table '%s' is not partitioned.", AbortStatement}
	errAlterIndexNoPart     = errorKind{7730, 16, 1, "Alter %s statement failed because partition number %d does not exist in %s '%s'.", AbortStatement}
	errNotPartitioned       = errorKind{7735, 16, 1, "Cannot specify partition number in alter %s statement to rebuild or reorganize a partition of %s '%s' as %s is not partitioned.", AbortStatement}
)

// fullName is a table's three-part name as SWITCH's messages give it.
func fullName(tr *tableRef) string { return tr.db.Name() + "." + tr.t.Schema + "." + tr.t.Name }

// partitionNumber evaluates a partition number expression.
func (s *Session) partitionNumber(ctx context.Context, e ast.Expr) (int64, error) {
	vt, err := s.evalScalar(ctx, e)
	if err != nil {
		return 0, err
	}
	v, err := types.Convert(vt.v, types.TypeBigInt, 0)
	if err != nil || v.IsNull() {
		return 0, &Error{Number: 4957, Severity: 16, State: 3, Message: "'ALTER TABLE SWITCH' statement failed because the expression identifying partition number for the table is not of integer type."}
	}
	return v.Int64(), nil
}

// switchSide is one table of a SWITCH: its partitioning (nil: not
// partitioned) and the partition named (1 for an unpartitioned table).
type switchSide struct {
	tr   *tableRef
	p    *partitioning
	part int
}

func (s *Session) switchSide(ctx context.Context, tr *tableRef, num ast.Expr, state uint8) (*switchSide, error) {
	p, err := partitioningOf(tr.cat, tr.t.RowStore())
	if err != nil {
		return nil, err
	}
	sd := &switchSide{tr: tr, p: p, part: 1}
	if p == nil {
		return sd, nil // a number given for an unpartitioned table is ignored (4903)
	}
	if num == nil {
		e := errSwitchNeedsPartition.New(fullName(tr))
		e.State = state
		return nil, e
	}
	n, err := s.partitionNumber(ctx, num)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > maxPartitions {
		e := errPartitionNumber.New(n, "table", fullName(tr), maxPartitions)
		e.State = 1
		return nil, e
	}
	if n > int64(p.count()) {
		return nil, errSwitchNoPartition.New(n, fullName(tr))
	}
	sd.part = int(n)
	return sd, nil
}

// alterTableSwitch runs ALTER TABLE src SWITCH [PARTITION n] TO tgt
// [PARTITION m].
func (s *Session) alterTableSwitch(ctx context.Context, name *ast.Name, a *ast.AlterTableSwitch) error {
	src, ok, err := s.resolveTable(name)
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Number: 4902, Severity: 16, State: 1, Message: "Cannot find the object \"" + nameText(name) + "\" because it does not exist or you do not have permissions."}
	}
	tgt, ok, err := s.resolveTable(a.Target)
	if err != nil {
		return err
	}
	if !ok {
		return errSwitchNotTable.New(nameText(a.Target))
	}
	if src.db.ID() == tgt.db.ID() && src.t.ID == tgt.t.ID {
		return errSwitchSameTable.New(fullName(src), fullName(tgt))
	}
	if src.t.HistoryID != 0 || tgt.t.HistoryID != 0 || src.t.HistoryOf != 0 || tgt.t.HistoryOf != 0 {
		return ErrNotSupported.New("ALTER TABLE SWITCH of a system-versioned table")
	}
	if err := s.lockSchema(ctx, src); err != nil {
		return err
	}
	if err := s.lockSchema(ctx, tgt); err != nil {
		return err
	}
	if err := switchColumns(src, tgt); err != nil {
		return err
	}
	from, err := s.switchSide(ctx, src, a.Partition, 1)
	if err != nil {
		return err
	}
	to, err := s.switchSide(ctx, tgt, a.TargetPartition, 2)
	if err != nil {
		return err
	}
	if err := switchIndexes(src, tgt); err != nil {
		return err
	}
	ec := newEvalCtx(ctx, s)
	srcRows, err := s.partitionRowsOf(ec, from)
	if err != nil {
		return err
	}
	tgtRows, err := s.partitionRowsOf(ec, to)
	if err != nil {
		return err
	}
	if len(tgtRows) > 0 {
		if to.p != nil {
			return errSwitchPartNotEmpty.New(to.part, fullName(tgt))
		}
		return errSwitchNotEmpty.New(fullName(tgt))
	}
	switch {
	case from.p != nil && to.p != nil:
		if !rangeWithin(from, to) {
			return errSwitchRangeSubset.New(from.part, fullName(src), to.part, fullName(tgt))
		}
	case from.p == nil && to.p != nil:
		// SQL Server proves it from the source's trusted CHECK
		// constraints; here a trusted constraint on the partitioning
		// column must exist and every row must fall in the partition.
		if !hasTrustedCheckOn(src.t, tgt.t.Columns[to.p.col].Name) {
			return errSwitchSourceCheck.New(fullName(src), to.part, fullName(tgt))
		}
		for _, r := range srcRows {
			if n, err := to.p.rowPartition(r); err != nil || n != to.part {
				return errSwitchSourceCheck.New(fullName(src), to.part, fullName(tgt))
			}
		}
	}
	n := len(src.t.Columns)
	for _, r := range srcRows {
		if err := s.deleteRow(ctx, src, r); err != nil {
			return err
		}
	}
	for _, r := range srcRows {
		if err := s.insertRow(ctx, tgt, r[:n:n], "ALTER TABLE SWITCH"); err != nil {
			return err
		}
	}
	return nil
}

// partitionRowsOf reads the rows of a side's partition (with hidden keys).
func (s *Session) partitionRowsOf(ec *evalCtx, sd *switchSide) ([]Row, error) {
	it, err := s.scan(ec, sd.tr, nil, nil, false)
	if err != nil {
		return nil, err
	}
	rows, err := drain(it)
	if err != nil || sd.p == nil {
		return rows, err
	}
	out := rows[:0]
	for _, r := range rows {
		n, err := sd.p.rowPartition(r)
		if err != nil {
			return nil, err
		}
		if n == sd.part {
			out = append(out, r)
		}
	}
	return out, nil
}

// switchColumns checks that both tables have the same columns (4943, 4942,
// 4944, 4945, 4985).
func switchColumns(src, tgt *tableRef) error {
	sc, tc := src.t.Columns, tgt.t.Columns
	if len(sc) != len(tc) {
		return errSwitchColumnCount.New(fullName(src), len(sc), fullName(tgt), len(tc))
	}
	for i := range sc {
		a, b := sc[i], tc[i]
		if !strings.EqualFold(a.Name, b.Name) {
			return errSwitchColumnName.New(a.Name, i+1, fullName(src), b.Name, fullName(tgt))
		}
		at, bt := a.Type, b.Type
		if at.ID != bt.ID || at.Length != bt.Length || at.Precision != bt.Precision || at.Scale != bt.Scale {
			return errSwitchColumnType.New(a.Name, at.String(), fullName(src), bt.String(), fullName(tgt))
		}
		if at.ID.IsString() && at.Collation.Name() != bt.Collation.Name() {
			return errSwitchColumnColl.New(a.Name, fullName(src), fullName(tgt))
		}
		if a.Nullable != b.Nullable {
			return errSwitchColumnNull.New(a.Name, fullName(src), fullName(tgt))
		}
	}
	return nil
}

// switchIndexes checks both tables are clustered alike (4913) and that
// each target index has an identical source index (4947).
func switchIndexes(src, tgt *tableRef) error {
	srs, trs := src.t.RowStore(), tgt.t.RowStore()
	if !srs.IsHeap() && trs.IsHeap() {
		return errSwitchClustered.New(fullName(src), srs.Name, fullName(tgt))
	}
	if srs.IsHeap() && !trs.IsHeap() {
		e := errSwitchClustered.New(fullName(tgt), trs.Name, fullName(src))
		e.State = 2
		return e
	}
	for _, ti := range tgt.t.Indexes {
		if ti.IsHeap() {
			continue
		}
		found := false
		for _, si := range src.t.Indexes {
			if sameIndex(si, ti) {
				found = true
				break
			}
		}
		if !found {
			return errSwitchNoIndex.New(fullName(src), ti.Name, fullName(tgt))
		}
	}
	return nil
}

func sameIndex(a, b *catalog.Index) bool {
	if a.IsHeap() || a.Clustered != b.Clustered || a.Unique != b.Unique || a.Filter != b.Filter ||
		len(a.Columns) != len(b.Columns) || len(a.Included) != len(b.Included) {
		return false
	}
	for i := range a.Columns {
		if a.Columns[i] != b.Columns[i] {
			return false
		}
	}
	for i := range a.Included {
		if a.Included[i] != b.Included[i] {
			return false
		}
	}
	return true
}

// hasTrustedCheckOn reports an enabled, trusted CHECK constraint of t that
// names column col.
func hasTrustedCheckOn(t *catalog.Table, col string) bool {
	for _, c := range t.Checks {
		if !c.Disabled && !c.NotTrusted && strings.Contains(strings.ToLower(c.Expr), strings.ToLower(col)) {
			return true
		}
	}
	return false
}

// rangeEnd is one end of a partition's range; inf marks an open end.
type rangeEnd struct {
	v         types.Value
	inf       bool
	inclusive bool
}

// partitionRange is partition n's [lo, hi] under p.
func partitionRange(p *partitioning, n int) (lo, hi rangeEnd) {
	lo, hi = rangeEnd{inf: true}, rangeEnd{inf: true}
	if n >= 2 {
		lo = rangeEnd{v: p.vals[n-2], inclusive: p.fn.Right}
	}
	if n <= len(p.vals) {
		hi = rangeEnd{v: p.vals[n-1], inclusive: !p.fn.Right}
	}
	return lo, hi
}

// rangeWithin reports whether the source partition's range lies inside
// the target partition's.
func rangeWithin(from, to *switchSide) bool {
	slo, shi := partitionRange(from.p, from.part)
	tlo, thi := partitionRange(to.p, to.part)
	typ := to.p.fn.Type
	if !tlo.inf {
		if slo.inf {
			return false
		}
		c, err := compareBoundary(slo.v, tlo.v, typ)
		if err != nil || c < 0 || c == 0 && slo.inclusive && !tlo.inclusive {
			return false
		}
	}
	if !thi.inf {
		if shi.inf {
			return false
		}
		c, err := compareBoundary(shi.v, thi.v, typ)
		if err != nil || c > 0 || c == 0 && shi.inclusive && !thi.inclusive {
			return false
		}
	}
	return true
}

// partitionSet evaluates TRUNCATE's PARTITIONS list against a table of n
// partitions.
func (s *Session) partitionSet(ctx context.Context, tr *tableRef, ranges []*ast.PartitionRange, n int) (map[int]bool, error) {
	set := map[int]bool{}
	for _, r := range ranges {
		lo, err := s.partitionNumber(ctx, r.From)
		if err != nil {
			return nil, err
		}
		hi := lo
		if r.To != nil {
			if hi, err = s.partitionNumber(ctx, r.To); err != nil {
				return nil, err
			}
		}
		if lo > hi {
			return nil, errPartitionRange.New(lo, hi)
		}
		for _, k := range []int64{lo, hi} {
			if k < 1 || k > int64(n) {
				return nil, errPartitionNumber.New(k, "table", tr.displayName(), n)
			}
		}
		for k := lo; k <= hi; k++ {
			set[int(k)] = true
		}
	}
	return set, nil
}

// truncatePartitions deletes the rows of the listed partitions of tr.
func (s *Session) truncatePartitions(ctx context.Context, tr *tableRef, ranges []*ast.PartitionRange) error {
	p, err := partitioningOf(tr.cat, tr.t.RowStore())
	if err != nil {
		return err
	}
	if p == nil {
		return errTruncateNotPart.New(tr.displayName())
	}
	set, err := s.partitionSet(ctx, tr, ranges, p.count())
	if err != nil {
		return err
	}
	it, err := s.scan(newEvalCtx(ctx, s), tr, nil, nil, false)
	if err != nil {
		return err
	}
	rows, err := drain(it)
	if err != nil {
		return err
	}
	for _, r := range rows {
		n, err := p.rowPartition(r)
		if err != nil {
			return err
		}
		if set[n] {
			if err := s.deleteRow(ctx, tr, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRebuildPartition checks REBUILD PARTITION = n of index ix (kind
// "index") or a table's row store (kind "table").
func (s *Session) checkRebuildPartition(ctx context.Context, cat *catalog.Database, ix *catalog.Index, kind, name string, num ast.Expr) error {
	if num == nil {
		return nil
	}
	n, err := s.partitionNumber(ctx, num)
	if err != nil {
		return err
	}
	if n < 1 || n > maxPartitions {
		e := errPartitionNumber.New(n, kind, name, maxPartitions)
		e.State = 1
		return e
	}
	p, err := partitioningOf(cat, ix)
	if err != nil {
		return err
	}
	if p == nil {
		if n == 1 {
			return nil
		}
		return errNotPartitioned.New(kind, kind, name, kind)
	}
	if n > int64(p.count()) {
		return errAlterIndexNoPart.New(kind, n, kind, name)
	}
	return nil
}
