package exec_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestReviewDefaultDefinition (review, session 7): COLUMN_DEFAULT renders a
// DEFAULT as SQL Server stores it, and the rendering is display only: the
// value a DEFAULT inserts keeps its meaning (an N-prefixed literal stays Unicode,
// a negative constant stays negative).
func TestReviewDefaultDefinition(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewdef"))
	for _, q := range []string{
		"CREATE DATABASE reviewdef",
		"USE reviewdef",
		"CREATE TABLE dbo.d (id int NOT NULL, u nvarchar(10) NULL DEFAULT N'Ωx', neg int NULL DEFAULT -1, dec decimal(5,2) NULL DEFAULT (1.50), z int NULL DEFAULT NULL)",
		"INSERT dbo.d (id) VALUES (1)",
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	out := &aggTrace{}
	if err := s.ExecBatch(ctx, "SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'd' AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION; SELECT u, neg, dec, z, UNICODE(u) FROM dbo.d", out); err != nil {
		t.Fatal(err)
	}
	want := []string{"--", "u|(N'Ωx')", "neg|((-1))", "dec|((1.50))", "z|(NULL)", "--", "Ωx|-1|1.50|NULL|937"}
	if !slices.Equal(out.lines, want) {
		t.Errorf("got  %q\nwant %q", out.lines, want)
	}
}
