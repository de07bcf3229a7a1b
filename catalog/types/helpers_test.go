package types

import (
	"testing"
)

// mustParseType parses a type name with arguments for tests.
func mustType(t *testing.T, name string, args ...int) Type {
	t.Helper()
	ty, err := ParseTypeName(name, args, false)
	if err != nil {
		t.Fatalf("ParseTypeName(%s, %v): %v", name, args, err)
	}
	return ty
}

// mustConvert converts or fails the test.
func mustConvert(t *testing.T, v Value, to Type, style int) Value {
	t.Helper()
	r, err := Convert(v, to, style)
	if err != nil {
		t.Fatalf("Convert(%v, %v, %d): %v", v, to, style, err)
	}
	return r
}

// vc is a varchar value.
func vc(s string) Value { return NewVarChar(s) }

// wantErr checks that err is the SQL Server error number/message wanted.
func wantErr(t *testing.T, err error, num int32, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %d %q", num, msg)
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("got %T %v, want *Error %d", err, err, num)
	}
	if e.Number != num || (msg != "" && e.Msg != msg) {
		t.Fatalf("got %d %q, want %d %q", e.Number, e.Msg, num, msg)
	}
}
