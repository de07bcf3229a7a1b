package mirroring_test

import (
	"context"
	"testing"
	"time"
)

// TestTemporalSurvivesFailover: a system-versioned table's history rows are
// written in the same transaction as the change that closes them, so they
// travel in the log: after a manual failover the new principal has the
// history the old one wrote, FOR SYSTEM_TIME reads it, and new changes keep
// versioning into it.
func TestTemporalSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, `USE `+dbName+`
GO
CREATE TABLE dbo.price (id int NOT NULL PRIMARY KEY, amount int NOT NULL,
    vf datetime2 GENERATED ALWAYS AS ROW START NOT NULL, vt datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
    PERIOD FOR SYSTEM_TIME (vf, vt)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.price_history))
GO
INSERT dbo.price (id, amount) VALUES (1, 10), (2, 20)
GO
UPDATE dbo.price SET amount = amount + 1
GO
DELETE dbo.price WHERE id = 2`)
	c.manualFailover(cur, oth)

	db := oth.DB(dbName)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "UPDATE dbo.price SET amount = 12 WHERE id = 1"); err != nil {
		t.Fatalf("UPDATE on the new principal %s: %v", oth.Name, err)
	}
	tests := []struct {
		name, query string
		want        int64
	}{
		{"history from the old principal plus the new update", "SELECT COUNT(*) FROM dbo.price_history", 4},
		{"every version", "SELECT COUNT(*) FROM dbo.price FOR SYSTEM_TIME ALL", 5},
		{"current", "SELECT SUM(amount) FROM dbo.price", 12},
		{"still system-versioned", "SELECT temporal_type FROM sys.tables WHERE name = 'price'", 2},
		{"history is closed where the current row opens", "SELECT COUNT(*) FROM dbo.price_history AS h JOIN dbo.price AS p ON p.id = h.id AND h.vt = p.vf", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got int64
			if err := db.QueryRowContext(ctx, tt.query).Scan(&got); err != nil {
				t.Fatalf("%s on %s: %v", tt.query, oth.Name, err)
			}
			if got != tt.want {
				t.Errorf("%s on %s = %d, want %d", tt.query, oth.Name, got, tt.want)
			}
		})
	}
}
