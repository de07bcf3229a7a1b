package session

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tds/tdstest"
)

// nopWriter is a tds.ResultWriter that accepts every token.
type nopWriter struct{ rows int }

func (*nopWriter) Columns([]tds.Column) error                      { return nil }
func (w *nopWriter) Row([]any) error                               { w.rows++; return nil }
func (*nopWriter) Done(tds.DoneKind, uint16, uint16, uint64) error { return nil }
func (*nopWriter) Error(error) error                               { return nil }
func (*nopWriter) Info(tds.MessageToken) error                     { return nil }
func (*nopWriter) EnvChange(tds.EnvChange) error                   { return nil }
func (*nopWriter) BeginTransaction(uint64) error                   { return nil }
func (*nopWriter) CommitTransaction(uint64) error                  { return nil }
func (*nopWriter) RollbackTransaction(uint64) error                { return nil }
func (*nopWriter) DatabaseChanged(string, string) error            { return nil }
func (*nopWriter) ReturnStatus(int32) error                        { return nil }
func (*nopWriter) ReturnValue(tds.ReturnValue) error               { return nil }

// TestOutputEndsWithDone checks when a batch's last statement DONE can be its
// final DONE: only when nothing, and no DONEINPROC, follows it.
func TestOutputEndsWithDone(t *testing.T) {
	cols := []exec.ResultColumn{{Name: "a", Type: types.TypeInt}}
	steps := map[string]func(o *output) error{
		"columns": func(o *output) error { return o.Columns(cols) },
		"row":     func(o *output) error { return o.Row(exec.Row{types.NewInt(1)}) },
		"done":    func(o *output) error { return o.Done(exec.CmdSelect, 1, true, false, false) },
		"inproc":  func(o *output) error { return o.Done(exec.CmdSelect, 1, true, true, false) },
		"message": func(o *output) error { return o.Message(&exec.Error{Number: 0, Message: "hi"}) },
		"error":   func(o *output) error { return o.Error(&exec.Error{Number: 208, Severity: 16, Message: "x"}) },
		"status":  func(o *output) error { return o.ReturnStatus(0) },
		"use":     func(o *output) error { return o.DatabaseChanged("a", "b") },
	}
	tests := []struct {
		name  string
		steps []string
		want  bool
	}{
		{"nothing", nil, false},
		{"select", []string{"columns", "row", "done"}, true},
		{"select then print", []string{"columns", "row", "done", "message"}, false},
		{"select then error", []string{"columns", "row", "done", "error"}, false},
		{"procedure statement last", []string{"done", "inproc"}, false},
		{"return status last", []string{"done", "status"}, false},
		{"use last", []string{"done", "use"}, false},
		{"rows after done", []string{"done", "columns", "row"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutput(&nopWriter{}, exec.NewSession(nil, 1, "sa", nil), false)
			for _, s := range tc.steps {
				if err := steps[s](o); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			if o.endsWithDone != tc.want {
				t.Fatalf("endsWithDone = %v, want %v", o.endsWithDone, tc.want)
			}
		})
	}
}

// fieldWriter records the rows it is sent through RowFields.
type fieldWriter struct {
	nopWriter
	cols []tds.Column
	rows [][]tds.Field
}

func (w *fieldWriter) Columns(c []tds.Column) error {
	w.cols = append([]tds.Column(nil), c...)
	return nil
}

func (w *fieldWriter) RowFields(fs []tds.Field) error {
	w.rows = append(w.rows, append([]tds.Field(nil), fs...))
	return nil
}

// TestOutputReuse checks that a session's output, reused from request to
// request, carries nothing of the previous request into the next: not the
// writer, not the sql_variant columns, not endsWithDone.
func TestOutputReuse(t *testing.T) {
	es := exec.NewSession(nil, 1, "sa", nil)
	variant := []exec.ResultColumn{{Name: "v", Type: types.Type{ID: types.SQLVariant}}, {Name: "a", Type: types.TypeInt}}
	plain := []exec.ResultColumn{{Name: "a", Type: types.TypeInt}, {Name: "b", Type: types.TypeInt}}
	tests := []struct {
		name  string
		first []exec.ResultColumn
		done  bool
	}{
		{"after a sql_variant result", variant, false},
		{"after a final DONE", plain, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var o output
			w1 := &fieldWriter{}
			o.reset(w1, es, false)
			if err := o.Columns(tc.first); err != nil {
				t.Fatal(err)
			}
			if tc.done {
				if err := o.Done(exec.CmdSelect, 0, true, false, false); err != nil {
					t.Fatal(err)
				}
			}
			w2 := &fieldWriter{}
			o.reset(w2, es, true)
			if o.endsWithDone || len(o.variant) != 0 || !o.rpc {
				t.Fatalf("after reset: endsWithDone %v, variant %v, rpc %v", o.endsWithDone, o.variant, o.rpc)
			}
			if err := o.Columns(plain); err != nil {
				t.Fatal(err)
			}
			if err := o.Row(exec.Row{types.NewInt(7), types.NewInt(8)}); err != nil {
				t.Fatal(err)
			}
			if len(w1.rows) != 0 || len(w2.rows) != 1 {
				t.Fatalf("rows: first writer %d, second %d; want 0, 1", len(w1.rows), len(w2.rows))
			}
			if got := w2.rows[0]; got[0].Kind != tds.FieldInt || got[0].Int != 7 || got[1].Int != 8 {
				t.Errorf("row = %+v, want ints 7, 8", got)
			}
			if len(w2.cols) != 2 || w2.cols[0].Name != "a" {
				t.Errorf("columns = %+v", w2.cols)
			}
		})
	}
}

// TestOutputFixedLengthColumns: a NOT NULL result column of an integer,
// bit, float, money or datetime type is described with SQL Server's
// fixed-length TDS type, a nullable one with the N type; other types keep
// their one form whatever the nullability.
func TestOutputFixedLengthColumns(t *testing.T) {
	tests := []struct {
		typ       types.Type
		fixed, nb tds.TypeInfo // NOT NULL, nullable
	}{
		{types.TypeInt, tds.TypeInt().Fixed(), tds.TypeInt()},
		{types.TypeBigInt, tds.TypeBigInt().Fixed(), tds.TypeBigInt()},
		{types.TypeBit, tds.TypeBit().Fixed(), tds.TypeBit()},
		{types.TypeFloat, tds.TypeFloat().Fixed(), tds.TypeFloat()},
		{types.TypeMoney, tds.TypeMoney().Fixed(), tds.TypeMoney()},
		{types.TypeDateTime, tds.TypeDateTime().Fixed(), tds.TypeDateTime()},
		{types.TypeUUID, tds.TypeUniqueIdentifier(), tds.TypeUniqueIdentifier()},
		{types.VarCharType(5), tds.TypeVarChar(5), tds.TypeVarChar(5)},
	}
	for _, tc := range tests {
		t.Run(tc.typ.String(), func(t *testing.T) {
			var rec tdstest.Recorder
			o := newOutput(&rec, exec.NewSession(nil, 1, "sa", nil), false)
			if err := o.Columns([]exec.ResultColumn{{Name: "nn", Type: tc.typ, NotNull: true}, {Name: "n", Type: tc.typ, Nullable: true}}); err != nil {
				t.Fatal(err)
			}
			cols := rec.Events[0].Columns
			if cols[0].Type != tc.fixed || cols[0].Nullable {
				t.Errorf("NOT NULL column: %+v nullable %v, want %+v NOT NULL", cols[0].Type, cols[0].Nullable, tc.fixed)
			}
			if cols[1].Type != tc.nb || !cols[1].Nullable {
				t.Errorf("nullable column: %+v nullable %v, want %+v nullable", cols[1].Type, cols[1].Nullable, tc.nb)
			}
		})
	}
}
