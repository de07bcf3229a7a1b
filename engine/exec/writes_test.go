package exec_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestWriteTruncationMessage checks error 2628's exact text from INSERT and
// UPDATE, string and binary, through a parameter and a literal: the row
// builder names the table only once a value does not fit (rowbuilder.go), and
// the message must still name database, schema, table, column and the
// truncated value as SQL Server does.
func TestWriteTruncationMessage(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "wt"))
	for _, q := range []string{"CREATE DATABASE wt", "USE wt", "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, s varchar(3) NULL, b varbinary(2) NULL)", "INSERT INTO dbo.t (id, s) VALUES (1, 'abc')"} {
		if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	cases := []struct {
		name, sql, want string
	}{
		{"insert string", "INSERT INTO dbo.t (id, s) VALUES (2, 'abcdef')",
			"String or binary data would be truncated in table 'wt.dbo.t', column 's'. Truncated value: 'abc'."},
		{"insert binary", "INSERT INTO dbo.t (id, b) VALUES (2, 0x010203)",
			"String or binary data would be truncated in table 'wt.dbo.t', column 'b'. Truncated value: '0x0102'."},
		{"update string", "UPDATE dbo.t SET s = 'xyzw' WHERE id = 1",
			"String or binary data would be truncated in table 'wt.dbo.t', column 's'. Truncated value: 'xyz'."},
		{"fits, trailing spaces", "INSERT INTO dbo.t (id, s) VALUES (3, 'ab    ')", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.ExecBatch(ctx, tc.sql, &collectOutput{})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var e *exec.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want error 2628", err)
			}
			if e.Number != 2628 || e.Error() != tc.want {
				t.Fatalf("got %d %q\nwant 2628 %q", e.Number, e.Error(), tc.want)
			}
		})
	}
}
