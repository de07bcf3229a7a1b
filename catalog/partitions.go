package catalog

import (
	"sort"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// PartitionFunction is CREATE PARTITION FUNCTION: a parameter type and its
// sorted boundary values. With n boundaries there are n+1 partitions;
// RANGE LEFT puts a boundary value in the partition to its left, RIGHT in
// the one to its right.
type PartitionFunction struct {
	ID    int32      `json:"id"` // function_id
	Name  string     `json:"name"`
	Type  types.Type `json:"type"`
	Right bool       `json:"right,omitempty"`
	// Boundaries are the boundary values, ascending, as one encoded row of
	// Count values of Type (types.EncodeRow): exact for every type.
	Boundaries []byte    `json:"boundaries,omitempty"`
	Count      int       `json:"count"`
	Created    time.Time `json:"created"`
	Modified   time.Time `json:"modified"`
}

// Values decodes the boundary values.
func (f *PartitionFunction) Values() ([]types.Value, error) {
	if f.Count == 0 {
		return nil, nil
	}
	return types.DecodeRow(f.Boundaries, f.types())
}

// SetValues stores vals (ascending) as the boundary values.
func (f *PartitionFunction) SetValues(vals []types.Value) error {
	b, err := types.EncodeRow(nil, vals, f.typesN(len(vals)))
	if err != nil {
		return err
	}
	f.Boundaries, f.Count = b, len(vals)
	return nil
}

func (f *PartitionFunction) types() []types.Type { return f.typesN(f.Count) }

func (f *PartitionFunction) typesN(n int) []types.Type {
	ts := make([]types.Type, n)
	for i := range ts {
		ts[i] = f.Type
	}
	return ts
}

// Partitions is the function's number of partitions (fanout).
func (f *PartitionFunction) Partitions() int { return f.Count + 1 }

// PartitionScheme is CREATE PARTITION SCHEME: the filegroup of each
// partition of its function (destination order) and the filegroup the
// next SPLIT RANGE gives its new partition.
type PartitionScheme struct {
	ID         int32    `json:"id"` // data_space_id
	Name       string   `json:"name"`
	Function   string   `json:"function"` // PartitionFunction.Name
	FileGroups []string `json:"filegroups"`
	NextUsed   string   `json:"next_used,omitempty"`
	// All marks a scheme made with ALL TO: its one filegroup stays the next
	// used one after each SPLIT RANGE.
	All bool `json:"all,omitempty"`
}

// FirstPartitionFunctionID and FirstPartitionSchemeID are where SQL Server
// starts function_id and a scheme's data_space_id.
const (
	FirstPartitionFunctionID int32 = 65536
	FirstPartitionSchemeID   int32 = 65601
)

// PartitionFunction finds a partition function by name (case-insensitive).
func (d *Database) PartitionFunction(name string) *PartitionFunction {
	return d.PartitionFunctions[strings.ToLower(name)]
}

// PartitionScheme finds a partition scheme by name (case-insensitive).
func (d *Database) PartitionScheme(name string) *PartitionScheme {
	return d.PartitionSchemes[strings.ToLower(name)]
}

// AddPartitionFunction adds f under a new function_id.
func (d *Database) AddPartitionFunction(f *PartitionFunction) {
	if d.PartitionFunctions == nil {
		d.PartitionFunctions = map[string]*PartitionFunction{}
	}
	f.ID = nextID(d.PartitionFunctions, FirstPartitionFunctionID, func(o *PartitionFunction) int32 { return o.ID })
	d.PartitionFunctions[strings.ToLower(f.Name)] = f
}

// AddPartitionScheme adds ps under a new data_space_id.
func (d *Database) AddPartitionScheme(ps *PartitionScheme) {
	if d.PartitionSchemes == nil {
		d.PartitionSchemes = map[string]*PartitionScheme{}
	}
	ps.ID = nextID(d.PartitionSchemes, FirstPartitionSchemeID, func(o *PartitionScheme) int32 { return o.ID })
	d.PartitionSchemes[strings.ToLower(ps.Name)] = ps
}

// nextID is the id after the largest in m, first if none is as large.
func nextID[T any](m map[string]*T, first int32, id func(*T) int32) int32 {
	next := first
	for _, o := range m {
		if v := id(o); v >= next {
			next = v + 1
		}
	}
	return next
}

// SortedPartitionFunctions lists the partition functions by function_id.
func (d *Database) SortedPartitionFunctions() []*PartitionFunction {
	out := make([]*PartitionFunction, 0, len(d.PartitionFunctions))
	for _, f := range d.PartitionFunctions {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// SortedPartitionSchemes lists the partition schemes by data_space_id.
func (d *Database) SortedPartitionSchemes() []*PartitionScheme {
	out := make([]*PartitionScheme, 0, len(d.PartitionSchemes))
	for _, s := range d.PartitionSchemes {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IsPartitioned reports an index placed on a partition scheme.
func (ix *Index) IsPartitioned() bool { return ix.Scheme != "" }
