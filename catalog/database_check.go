package catalog

import (
	"errors"
	"fmt"
	"slices"
)

// ErrCorrupt is wrapped by every error of Decode about a catalog that is not
// one Encode could have written: the engine then marks the database SUSPECT
// (3414) instead of failing the instance's start, as SQL Server does with a
// database whose metadata it cannot read.
var ErrCorrupt = errors.New("database catalog is damaged")

// check refuses what a catalog written by Encode never holds and what the
// engine would dereference blindly when it opens the database or looks
// objects up: null entries, a table without its row store, key, included,
// partitioning and statistics columns outside the table.
func (d *Database) check() error {
	if slices.Contains(d.Schemas, nil) || slices.Contains(d.Users, nil) || slices.Contains(d.Roles, nil) ||
		slices.Contains(d.Permissions, nil) || slices.Contains(d.ExtendedProperties, nil) ||
		nullValue(d.Tables) || nullValue(d.Views) || nullValue(d.Procedures) || nullValue(d.Functions) ||
		nullValue(d.Triggers) || nullValue(d.Sequences) || nullValue(d.Types) || nullValue(d.Synonyms) ||
		nullValue(d.PartitionFunctions) || nullValue(d.PartitionSchemes) {
		return fmt.Errorf("%w: null entry", ErrCorrupt)
	}
	for k, v := range d.Views {
		if slices.Contains(v.Indexes, nil) {
			return fmt.Errorf("%w: view %s: null index", ErrCorrupt, k)
		}
	}
	for k, t := range d.Tables {
		if err := t.check(); err != nil {
			return fmt.Errorf("%w: table %s: %v", ErrCorrupt, k, err)
		}
	}
	return nil
}

func (t *Table) check() error {
	if len(t.Indexes) == 0 {
		return errors.New("no row store")
	}
	if slices.Contains(t.Columns, nil) || slices.Contains(t.Indexes, nil) || slices.Contains(t.Checks, nil) ||
		slices.Contains(t.ForeignKeys, nil) || slices.Contains(t.Statistics, nil) {
		return errors.New("null entry")
	}
	in := func(pos int) bool { return pos >= 0 && pos < len(t.Columns) }
	for _, ix := range t.Indexes {
		for _, c := range ix.Columns {
			if !in(c.Column) {
				return fmt.Errorf("index %d: key column %d", ix.IndexID, c.Column)
			}
		}
		for _, c := range ix.Included {
			if !in(c) {
				return fmt.Errorf("index %d: included column %d", ix.IndexID, c)
			}
		}
		if ix.Scheme != "" && !in(ix.PartitionColumn) {
			return fmt.Errorf("index %d: partitioning column %d", ix.IndexID, ix.PartitionColumn)
		}
	}
	for _, s := range t.Statistics {
		for _, c := range s.Columns {
			if !in(c) {
				return fmt.Errorf("statistics %d: column %d", s.ID, c)
			}
		}
	}
	for _, f := range t.ForeignKeys {
		for _, c := range f.Columns {
			if !in(c) {
				return fmt.Errorf("foreign key %d: column %d", f.ID, c)
			}
		}
	}
	return nil
}

func nullValue[V any](m map[string]*V) bool {
	for _, v := range m {
		if v == nil {
			return true
		}
	}
	return false
}
