package catalog

import (
	"sort"
	"time"
)

// Module is a user-defined function or DML trigger. Text is its CREATE
// statement, re-parsed when the module runs, so that the catalog (and with it
// the log and the mirror) carries the definition and nothing compiled.
//
// Text is the batch that created the module, as the user wrote it (comments
// and layout kept, ALTER stored as CREATE), as SQL Server keeps it: it is
// what sys.sql_modules shows and what lines of errors in the module count
// in. Catalogs written before that hold the statement's canonical form,
// which parses the same.
type Module struct {
	ID     int32  `json:"id"`
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Type is sys.objects.type: FN (scalar function), IF (inline table-valued
	// function), TF (multi-statement table-valued function) or TR (trigger).
	Type string `json:"type"`
	// Table is the Key of a trigger's table; empty for functions.
	Table string `json:"table,omitempty"`
	Text  string `json:"text"`
	// Encrypted is WITH ENCRYPTION: the definition is not shown.
	Encrypted bool `json:"encrypted,omitempty"`
	ModuleSets
	// Disabled is a trigger's DISABLE TRIGGER state (sys.triggers.is_disabled):
	// it stays defined but does not fire.
	Disabled bool `json:"disabled,omitempty"`
	// First and Last are the statement types (INSERT, UPDATE, DELETE) for
	// which sp_settriggerorder made this AFTER trigger fire first or last.
	First    []string  `json:"first,omitempty"`
	Last     []string  `json:"last,omitempty"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// ModuleSets are the SET options a module (procedure, function, trigger,
// view) captured when it was created or altered: SQL Server reads its body
// under that QUOTED_IDENTIFIER and runs it under that ANSI_NULLS, whatever
// the caller's (sys.sql_modules.uses_quoted_identifier, uses_ansi_nulls).
// Stored inverted so that a definition stored before they were captured
// reads as ON, the setting every client but DB-Library logs in with.
type ModuleSets struct {
	QuotedIdentifierOff bool `json:"quoted_identifier_off,omitempty"`
	AnsiNullsOff        bool `json:"ansi_nulls_off,omitempty"`
}

// TypeDesc is sys.objects.type_desc for the module's type.
func (m *Module) TypeDesc() string {
	switch m.Type {
	case "FN":
		return "SQL_SCALAR_FUNCTION"
	case "IF":
		return "SQL_INLINE_TABLE_VALUED_FUNCTION"
	case "TF":
		return "SQL_TABLE_VALUED_FUNCTION"
	case "TR":
		return "SQL_TRIGGER"
	}
	return m.Type
}

// Sequence is a sequence object (CREATE SEQUENCE). Current is the last value
// handed out; Started is false until NEXT VALUE FOR first runs, when Current
// becomes Start. Values are handed out by catalog changes, so they are logged
// and reach the mirror like any DDL.
type Sequence struct {
	ID        int32  `json:"id"`
	Schema    string `json:"schema"`
	Name      string `json:"name"`
	TypeName  string `json:"type_name"` // tinyint, smallint, int, bigint, decimal, numeric
	Start     int64  `json:"start"`
	Increment int64  `json:"increment"`
	Min       int64  `json:"min"`
	Max       int64  `json:"max"`
	Cycle     bool   `json:"cycle,omitempty"`
	// NoCache is NO CACHE; CacheSize the n of CACHE n (0: CACHE without a
	// size, or the default). sys.sequences shows them as is_cached and
	// cache_size.
	NoCache   bool  `json:"no_cache,omitempty"`
	CacheSize int64 `json:"cache_size,omitempty"`
	// Precision is a decimal or numeric sequence's precision (0: the
	// default 18); the other types' is fixed.
	Precision uint8     `json:"precision,omitempty"`
	Current   int64     `json:"current"`
	Started   bool      `json:"started,omitempty"`
	Created   time.Time `json:"created"`
	Modified  time.Time `json:"modified"`
}

func (d *Database) fillModuleMaps() {
	if d.Functions == nil {
		d.Functions = map[string]*Module{}
	}
	if d.Triggers == nil {
		d.Triggers = map[string]*Module{}
	}
	if d.Sequences == nil {
		d.Sequences = map[string]*Sequence{}
	}
}

// moduleExists reports whether a function, trigger or sequence has key k.
func (d *Database) moduleExists(k string) bool {
	return d.Functions[k] != nil || d.Triggers[k] != nil || d.Sequences[k] != nil || d.Synonyms[k] != nil
}

// TableTriggers lists the triggers defined on the table with key table, in
// creation (object id) order.
func (d *Database) TableTriggers(table string) []*Module {
	var out []*Module
	for _, m := range d.Triggers {
		if m.Table == table {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
