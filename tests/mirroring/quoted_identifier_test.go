package mirroring_test

import (
	"context"
	"testing"
	"time"
)

// TestQuotedIdentifierModuleSurvivesFailover: a procedure created on the
// principal under SET QUOTED_IDENTIFIER OFF reaches the mirror with that
// setting (it travels with the definition in the log), so after a manual
// failover the new principal still reads its "…" as strings when a session
// under ON calls it, and sys.sql_modules says so.
func TestQuotedIdentifierModuleSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+"\nGO\nSET QUOTED_IDENTIFIER OFF\nGO\n"+
		"CREATE PROCEDURE dbo.qi_p @s varchar(10) = \"dflt\" AS SELECT \"k\" AS k_text, @s AS s FROM dbo.kv WHERE k = 1\n")
	c.manualFailover(cur, oth)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := oth.DB(dbName)
	var kText, s string
	if err := db.QueryRowContext(ctx, "EXEC dbo.qi_p").Scan(&kText, &s); err != nil {
		t.Fatalf("EXEC dbo.qi_p on the new principal %s: %v", oth.Name, err)
	}
	if kText != "k" || s != "dflt" {
		t.Errorf("EXEC dbo.qi_p on %s = %q, %q; want \"k\", \"dflt\" (the body read under QUOTED_IDENTIFIER OFF)", oth.Name, kText, s)
	}
	var uses int
	if err := db.QueryRowContext(ctx, "SELECT CAST(uses_quoted_identifier AS int) FROM sys.sql_modules WHERE object_id = OBJECT_ID('dbo.qi_p')").Scan(&uses); err != nil || uses != 0 {
		t.Errorf("uses_quoted_identifier on %s = %d, %v; want 0", oth.Name, uses, err)
	}
}
