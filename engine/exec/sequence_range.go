package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_sequence_get_range @sequence_name, @range_size, @range_first_value
// OUTPUT [, @range_last_value OUTPUT, @range_cycle_count OUTPUT,
// @sequence_increment OUTPUT, @sequence_min_value OUTPUT,
// @sequence_max_value OUTPUT]: takes range_size values of a sequence at
// once, as that many NEXT VALUE FOR would, and reports the first and last,
// how many times the range wrapped from MAXVALUE to MINVALUE (or back), and
// the sequence's increment and bounds, as sql_variant of the sequence's
// type (the sp_sequence_get_range page's examples A and B).
func init() {
	RegisterProc("sp_sequence_get_range", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		return s.spSequenceGetRange(ctx, args)
	})
}

func (s *Session) spSequenceGetRange(ctx context.Context, args []*ProcArg) (int32, error) {
	n := seqNameArg(ArgString(args, 0, "@sequence_name"))
	size, ok := ArgInt(args, 1, "@range_size")
	if !ok || size <= 0 {
		return 1, &Error{Number: 11732, Severity: 16, State: 1,
			Message: "The requested range for sequence object '" + n.Last() + "' exceeds the maximum or minimum limit. Retry with a smaller range."}
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return 1, err
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	key := s.catalogFor(db).Key(schema, n.Last())
	q := s.catalogFor(db).Sequences[key]
	if q == nil {
		return 1, errSeqNotFound.New(nameText(n))
	}
	if err := s.checkObject(db, s.catalogFor(db), schema, n.Last(), "UPDATE"); err != nil {
		return 1, err
	}
	typ := sequenceValueType(q)
	var first, last int64
	cycles := int32(0)
	for i := int64(0); i < size; i++ {
		v, err := s.takeSequenceValue(ctx, db, key, n)
		if err != nil {
			return 1, err
		}
		if i == 0 {
			first = v
		} else if q.Increment > 0 && v < last || q.Increment < 0 && v > last {
			cycles++ // wrapped past MAXVALUE (MINVALUE) to the other bound
		}
		last = v
	}
	variant := func(v int64) types.Value {
		c, err := convertTo(types.NewBigInt(v), typ)
		if err != nil {
			return types.NewBigInt(v)
		}
		return c
	}
	set := func(pos int, name string, v types.Value) {
		if a := outputArg(args, pos, name); a != nil {
			a.Result = v
		}
	}
	set(2, "@range_first_value", variant(first))
	set(3, "@range_last_value", variant(last))
	set(4, "@range_cycle_count", types.NewInt(cycles))
	set(5, "@sequence_increment", variant(q.Increment))
	set(6, "@sequence_min_value", variant(q.Min))
	set(7, "@sequence_max_value", variant(q.Max))
	return 0, nil
}

// outputArg is the OUTPUT argument at pos or named name, or nil.
func outputArg(args []*ProcArg, pos int, name string) *ProcArg {
	n := 0
	for _, a := range args {
		if a.Name != "" {
			if strings.EqualFold(a.Name, name) && a.Output {
				return a
			}
			continue
		}
		if n == pos {
			if a.Output {
				return a
			}
			return nil
		}
		n++
	}
	return nil
}

// seqNameArg splits a sequence name given as text ("Test.RangeSeq",
// "[Test].[RangeSeq]") into its parts.
func seqNameArg(s string) *ast.Name {
	n := &ast.Name{}
	for _, p := range strings.Split(s, ".") {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && p[0] == '[' && p[len(p)-1] == ']' {
			p = strings.ReplaceAll(p[1:len(p)-1], "]]", "]")
		}
		n.Parts = append(n.Parts, &ast.Ident{Name: p})
	}
	return n
}

// sequenceValueType is the type of a sequence's values (decimal and numeric
// as decimal(18,0), as NEXT VALUE FOR gives them).
func sequenceValueType(q *catalog.Sequence) types.Type {
	typ := types.TypeBigInt
	if t, err := types.ParseTypeName(q.TypeName, nil, false); err == nil {
		typ = t
	}
	if typ.ID == types.Decimal || typ.ID == types.Numeric {
		typ = types.DecimalType(18, 0)
	}
	return typ
}

// takeSequenceValue takes a sequence's next value: through its allocator
// when the sequence is committed, else through the open transaction's copy.
func (s *Session) takeSequenceValue(ctx context.Context, db Database, key string, n *ast.Name) (int64, error) {
	if c := committedSequence(db, key, s.catalogFor(db).Sequences[key]); c != nil {
		return seqAllocFor(db, c.ID).next(ctx, db, c)
	}
	cat, err := s.mutableCatalog(ctx, db) // takes the catalog lock
	if err != nil {
		return 0, err
	}
	q := cat.Sequences[key]
	if q == nil {
		return 0, errSeqNotFound.New(nameText(n))
	}
	return advanceSequence(q)
}
