package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// scopeCol is one column visible to expressions: a column of a FROM source, at
// position idx of the row the source produces.
type scopeCol struct {
	qual   string // alias, or table name (lower case); "" for derived columns without one
	schema string // lower case, "" if unknown
	db     string // lower case, "" if unknown
	name   string
	typ    types.Type
	null   bool
	// notNull marks a column known never to be NULL: a table column declared
	// NOT NULL, read outside the nullable side of an outer join. Result
	// COLMETADATA reports it (go-mssqldb ColumnTypes().Nullable); false is
	// "may be NULL", the safe default for every derived column.
	notNull bool
	idx     int
	// hidden columns (row keys kept for UPDATE/DELETE) resolve only by exact internal name.
	hidden bool
	// noStar leaves a column out of * (a temporal table's HIDDEN period
	// column) while its name still resolves.
	noStar bool
	// collFrom is how the column's collation was derived: implicit for a
	// table's column, its defining expression's for a derived table's
	// (collation_precedence.go).
	collFrom collDerivation
	// noColl says where a no-collation label (collFrom derivNone) came
	// from (collation_conflict.go).
	noColl *noCollation
	// exactName columns resolve only by their name in its own case: a
	// table's columns in a case-sensitive database (identcoll.go).
	exactName bool
	// qualifiedOnly columns resolve only by a qualified name: OUTPUT's
	// inserted and deleted (dml_extra.go), which SQL Server binds only as
	// inserted.c and deleted.c.
	qualifiedOnly bool
	// mask, for a column of a base table read by a scan, records that the
	// column is referenced (tcol is its position in the table row); see colMask.
	mask *colMask
	tcol int
	// pseudo marks a base table's identity column (pseudoIdentity) or its
	// ROWGUIDCOL column (pseudoRowGUID), which $IDENTITY and $ROWGUID name.
	pseudo uint8
}

// Column flags for the $IDENTITY and $ROWGUID pseudo-columns.
const (
	pseudoIdentity uint8 = 1 << iota
	pseudoRowGUID
)

// pseudoColumn is the flag a $IDENTITY or $ROWGUID reference looks for, or 0
// for an ordinary column name. SQL Server resolves them to the column with
// the property; a table without one gives 207 on the name as written.
func pseudoColumn(name string) uint8 {
	switch {
	case strings.EqualFold(name, "$identity"):
		return pseudoIdentity
	case strings.EqualFold(name, "$rowguid"):
		return pseudoRowGUID
	}
	return 0
}

// scope is the set of columns an expression may reference. outer links the scope
// of an enclosing query, for correlated subqueries: a reference found n scopes
// out reads the n-th enclosing row.
type scope struct {
	cols  []scopeCol
	outer *scope
	// agg, when set, resolves expressions of a grouped query after aggregation.
	agg *aggScope
	// computed maps the canonical SQL of window function calls to the columns
	// that hold their values.
	computed map[string]int
	// seqRows shares NEXT VALUE FOR values within a row (sequence.go).
	seqRows map[string]*seqRowGroup
	// outerAggs, on the FROM scope of a SELECT being compiled, collects the
	// aggregates its subqueries write over its columns (outer_agg.go).
	outerAggs *outerAggSet
	// apply, on the scope an apply join's right side compiles in, is the
	// left row it sees (join_apply.go).
	apply *applyParams
}

// lookup resolves a (possibly qualified) column name. depth is how many scopes
// out it was found (0 = this one).
func (sc *scope) lookup(n *ast.Name) (col scopeCol, depth int, err error) {
	depth = 0
	for s := sc; s != nil; s = s.outer {
		c, found, err := s.find(n)
		if err != nil {
			return scopeCol{}, 0, err
		}
		if found {
			return c, depth, nil
		}
		depth++
	}
	if len(n.Parts) > 1 && !sc.qualifierVisible(strings.ToLower(n.Part(1))) {
		return scopeCol{}, 0, &Error{Number: 4104, Severity: 16, State: 1, Message: "The multi-part identifier \"" + nameText(n) + "\" could not be bound.", Abort: AbortBatch}
	}
	return scopeCol{}, 0, ErrInvalidColumn.New(n.Last())
}

func (sc *scope) find(n *ast.Name) (scopeCol, bool, error) {
	name := n.Last()
	qual := strings.ToLower(n.Part(1))
	schema := strings.ToLower(n.Part(2))
	db := strings.ToLower(n.Part(3))
	var match *scopeCol
	pseudo := pseudoColumn(name)
	for i := range sc.cols {
		c := &sc.cols[i]
		if c.hidden {
			if c.name != rowKeyCol || name != rowKeyRef { // viewdml_keyed.go reads the row key
				continue
			}
		} else if pseudo != 0 {
			if c.pseudo&pseudo == 0 {
				continue
			}
		} else if !strings.EqualFold(c.name, name) || c.exactName && c.name != name {
			continue
		}
		if qual != "" && c.qual != qual || qual == "" && c.qualifiedOnly {
			continue
		}
		if schema != "" && c.schema != "" && c.schema != schema {
			continue
		}
		if db != "" && c.db != "" && c.db != db {
			continue
		}
		if match != nil && (match.qual != c.qual || qual == "") {
			return scopeCol{}, false, ErrAmbiguousColumn.New(name)
		}
		match = c
	}
	if match != nil && match.mask != nil {
		match.mask.mark(match.tcol)
	}
	if match == nil {
		if qual != "" && !sc.hasQualifier(qual) && sc.outer == nil {
			return scopeCol{}, false, nil
		}
		return scopeCol{}, false, nil
	}
	return *match, true, nil
}

func (sc *scope) hasQualifier(q string) bool {
	for _, c := range sc.cols {
		if c.qual == q {
			return true
		}
	}
	return false
}

// starCols lists the columns a * or t.* expands to.
func (sc *scope) starCols(qual *ast.Name) ([]scopeCol, error) {
	var out []scopeCol
	q := ""
	if qual != nil {
		q = strings.ToLower(qual.Last())
	}
	for _, c := range sc.cols {
		if c.hidden || c.noStar {
			continue
		}
		if q != "" && c.qual != q {
			continue
		}
		if c.mask != nil {
			c.mask.mark(c.tcol)
		}
		out = append(out, c)
	}
	if q != "" && len(out) == 0 {
		return nil, ErrInvalidObject.New(qual.SQL())
	}
	return out, nil
}

// concat joins two scopes' columns (a join's row is left then right).
func concatScopes(a, b *scope) *scope {
	out := &scope{outer: a.outer}
	out.cols = append(out.cols, a.cols...)
	for _, c := range b.cols {
		c.idx += len(a.cols)
		out.cols = append(out.cols, c)
	}
	return out
}

// width is the number of values in a row of this scope.
func (sc *scope) width() int { return len(sc.cols) }

// qualifierVisible reports whether any scope (this one or an outer one) has a
// source named q: then an unknown column under it is 207, not 4104.
func (sc *scope) qualifierVisible(q string) bool {
	for s := sc; s != nil; s = s.outer {
		if s.hasQualifier(q) {
			return true
		}
	}
	return false
}
