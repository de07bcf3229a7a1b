package exec

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// TableSpace is what sp_spaceused reports for one table: its rows and the
// bytes of its rows and of its nonclustered indexes. The store does not keep
// pages, so the bytes are the logical sizes (DATALENGTH of every stored
// column, per index the key, included and clustering columns) plus SQL
// Server's per-row overhead (row header, NULL bitmap, slot: ~11 bytes, 9 for
// index rows); sp_spaceused turns them into 8-KB pages and 64-KB extents. It
// reads the whole table, under the session's isolation level.
type TableSpace struct {
	Name                        string
	Rows, DataBytes, IndexBytes int64
}

// SpaceUsed measures the table named by text (sp_spaceused @objname). An
// unknown name is error 15009, as SQL Server's.
func (s *Session) SpaceUsed(ctx context.Context, text string) (TableSpace, error) {
	tr, err := s.tableByText(text)
	if err != nil || tr == nil {
		return TableSpace{}, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + text + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	t := tr.t
	bracket := func(n string) string { return "[" + strings.ReplaceAll(n, "]", "]]") + "]" }
	sums := []string{"COUNT_BIG(*)"}
	var stored []int // positions in t.Columns of the summed columns
	for i, c := range t.Columns {
		if c.Computed != "" {
			continue
		}
		stored = append(stored, i)
		sums = append(sums, "SUM(CAST(DATALENGTH("+bracket(c.Name)+") AS bigint))")
	}
	q := "SELECT " + strings.Join(sums, ", ") + " FROM " + bracket(tr.db.Name()) + "." + bracket(t.Schema) + "." + bracket(t.Name)
	co := &captureOutput{Output: discardOutput{}}
	if err := s.runQueryText(ctx, co, q); err != nil {
		return TableSpace{}, err
	}
	if len(co.rows) != 1 {
		return TableSpace{}, fmt.Errorf("sp_spaceused: %d rows from the size query", len(co.rows))
	}
	r := co.rows[0]
	colBytes := make(map[int]int64, len(stored))
	total := TableSpace{Name: t.Name}
	total.Rows = intOf(r[0])
	for k, pos := range stored {
		colBytes[pos] = intOf(r[k+1])
		total.DataBytes += colBytes[pos]
	}
	total.DataBytes += 11 * total.Rows
	var clusterKey []int
	for _, ix := range t.Indexes {
		if ix.Clustered && !ix.IsHeap() {
			for _, kc := range ix.Columns {
				clusterKey = append(clusterKey, kc.Column)
			}
		}
	}
	for _, ix := range t.Indexes {
		if ix.IsHeap() || ix.Clustered {
			continue
		}
		cols := map[int]bool{}
		for _, kc := range ix.Columns {
			cols[kc.Column] = true
		}
		for _, c := range ix.Included {
			cols[c] = true
		}
		for _, c := range clusterKey {
			cols[c] = true
		}
		for c := range cols {
			total.IndexBytes += colBytes[c]
		}
		total.IndexBytes += 9 * total.Rows
	}
	return total, nil
}

// intOf reads a COUNT_BIG or SUM(bigint) result (NULL: an empty table's
// SUM) as int64.
func intOf(v types.Value) int64 {
	if v.IsNull() {
		return 0
	}
	return v.Int64()
}
