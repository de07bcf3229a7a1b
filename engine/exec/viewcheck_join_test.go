package exec_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestViewCheckOptionJoin: WITH CHECK OPTION on a view over a join — every
// row an INSERT or UPDATE writes through it must show through the view,
// its join as well as its WHERE, else 550 and nothing changes (CREATE
// VIEW, CHECK OPTION). On the old code an INSERT through such a view was
// not checked at all (the order of a West customer, or of no customer,
// went in), and an UPDATE that moved an order to another customer was
// checked against the customer it was found with. And a statement through
// a view with CHECK OPTION that failed before writing left its check to
// the next INSERT of any table (207 there on the old code).
func TestViewCheckOptionJoin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "viewcheckjoin"))
	run := func(q string) *aggTrace {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out
	}
	run("CREATE DATABASE viewcheckjoin")
	run("USE viewcheckjoin")
	run("CREATE TABLE dbo.c (id int PRIMARY KEY, region varchar(10) NOT NULL)")
	run("CREATE TABLE dbo.o (oid int PRIMARY KEY, id int NOT NULL, qty int NOT NULL)")
	run("CREATE TABLE dbo.u (id int PRIMARY KEY, v int NOT NULL)")
	run("INSERT dbo.c VALUES (1, 'East'), (2, 'West'), (3, 'East'); INSERT dbo.o VALUES (10, 1, 5); INSERT dbo.u VALUES (0, 1)")
	run("CREATE VIEW dbo.east AS SELECT o.oid, o.id, o.qty, c.region FROM dbo.o JOIN dbo.c ON c.id = o.id WHERE c.region = 'East' AND o.qty < 50 WITH CHECK OPTION")
	run("CREATE VIEW dbo.anyc AS SELECT o.oid, o.id, o.qty, c.region FROM dbo.o JOIN dbo.c ON c.id = o.id WITH CHECK OPTION")
	run("CREATE VIEW dbo.small AS SELECT id, v FROM dbo.u WHERE v < 10 WITH CHECK OPTION")
	const e550 = "error 550/16: The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint."
	const terminated = "msg 3621: The statement has been terminated."
	tests := []struct {
		sql  string
		want []string
	}{
		{"INSERT dbo.east (oid, id, qty) VALUES (11, 2, 1)", []string{e550, terminated}},             // a West customer
		{"INSERT dbo.east (oid, id, qty) VALUES (12, 9, 1)", []string{e550, terminated}},             // no customer
		{"INSERT dbo.east (oid, id, qty) VALUES (13, 3, 99)", []string{e550, terminated}},            // the WHERE on the target
		{"INSERT dbo.anyc (oid, id, qty) VALUES (14, 9, 1)", []string{e550, terminated}},             // the join alone
		{"INSERT dbo.east (oid, id, qty) VALUES (15, 3, 1), (16, 2, 1)", []string{e550, terminated}}, // nothing of it stays
		{"INSERT dbo.east (oid, id, qty) VALUES (17, 3, 1)", nil},
		{"UPDATE dbo.east SET id = 2 WHERE oid = 10", []string{e550, terminated}}, // moved to a West customer
		{"UPDATE dbo.east SET id = 3 WHERE oid = 10", nil},
		{"UPDATE dbo.east SET region = 'West' WHERE oid = 17", []string{e550, terminated}},
		{"UPDATE dbo.east SET qty = qty + 40", nil},
		{"SELECT oid, id, qty FROM dbo.o ORDER BY oid", []string{"--", "10|3|45", "17|3|41"}},
		{"UPDATE dbo.small SET v = 6 WHERE 1/0 = 1", []string{"error 8134/16: Divide by zero error encountered.", terminated}},
		{"INSERT dbo.u VALUES (1, 50); SELECT id, v FROM dbo.u", []string{"--", "0|1", "1|50"}},
	}
	for _, tc := range tests {
		if got := run(tc.sql).lines; !slices.Equal(got, tc.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tc.sql, got, tc.want)
		}
	}
}
