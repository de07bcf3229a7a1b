package apps

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/sqlserver" // the sqlserver:// driver (sp_getapplock, schema_migrations)
	_ "github.com/golang-migrate/migrate/v4/source/file"
	"github.com/pressly/goose/v3"
)

// Four migrations (tables with constraints, ALTER TABLE ADD with a default,
// a view, a procedure) in golang-migrate's files under testdata/migrate;
// goose gets the same ones in its annotated format (gooseMigrations).

// gooseMigrations turns testdata/migrate's N_name.up.sql and .down.sql into
// goose's 0000N_name.sql with -- +goose Up / Down; a procedure's body is one
// statement (StatementBegin/End), as goose would otherwise split it at ';'.
func gooseMigrations(t *testing.T) fstest.MapFS {
	t.Helper()
	ups, err := filepath.Glob("testdata/migrate/*.up.sql")
	if err != nil || len(ups) == 0 {
		t.Fatalf("testdata/migrate: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, up := range ups {
		base := strings.TrimSuffix(filepath.Base(up), ".up.sql")
		num, name, _ := strings.Cut(base, "_")
		upSQL, err := os.ReadFile(up)
		if err != nil {
			t.Fatal(err)
		}
		downSQL, err := os.ReadFile(strings.TrimSuffix(up, ".up.sql") + ".down.sql")
		if err != nil {
			t.Fatal(err)
		}
		body := string(upSQL)
		if strings.Contains(body, "CREATE PROCEDURE") {
			body = "-- +goose StatementBegin\n" + body + "-- +goose StatementEnd\n"
		}
		n, _ := strconv.Atoi(num)
		fsys[fmt.Sprintf("%05d_%s.sql", n, name)] = &fstest.MapFile{Data: []byte("-- +goose Up\n" + body + "\n-- +goose Down\n" + string(downSQL))}
	}
	return fsys
}

// schemaShape describes what the migrations made: user tables, views,
// procedures and the accounts table's columns, as a DBA would list them.
func schemaShape(t *testing.T, db *sql.DB) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`SELECT name FROM sys.objects WHERE type IN ('U', 'V', 'P') AND name NOT IN ('schema_migrations', 'goose_db_version') ORDER BY name`,
		`SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'accounts' ORDER BY ORDINAL_POSITION`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		rows.Close()
		parts = append(parts, strings.Join(names, ","))
	}
	return strings.Join(parts, " / ")
}

const (
	shapeNone = " / "
	shapeAll  = "account_balances,accounts,payments,record_payment / id,email,created_at,status"
)

// useMigrated checks the schema works: the procedure, the cascade, the view.
func useMigrated(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, q := range []string{
		`INSERT INTO accounts (email) VALUES (N'u@example.com')`,
		`EXEC dbo.record_payment @email = N'u@example.com', @amount = 12.50`,
		`EXEC dbo.record_payment @email = N'u@example.com', @amount = 7.50`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var balance, status string
	if err := db.QueryRow(`SELECT CONVERT(varchar(20), b.balance), a.status FROM dbo.account_balances b JOIN accounts a ON a.id = b.id WHERE b.email = N'u@example.com'`).Scan(&balance, &status); err != nil {
		t.Fatal(err)
	}
	if balance != "20.00" || status != "active" {
		t.Errorf("balance %s status %s, want 20.00 active", balance, status)
	}
	_, err := db.Exec(`EXEC dbo.record_payment @email = N'nobody', @amount = 1`)
	if err == nil || !strings.Contains(err.Error(), "no such account") {
		t.Errorf("record_payment for nobody: %v", err)
	}
}

func TestGolangMigrate(t *testing.T) {
	_, dsn := startDB(t, "migrateapp")
	db := openDB(t, dsn)
	m, err := migrate.New("file://testdata/migrate", dsn)
	if err != nil {
		t.Fatalf("migrate.New: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	for round := 1; round <= 2; round++ {
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			if err := m.Up(); err != nil {
				t.Fatalf("Up: %v", err)
			}
			if v, dirty, err := m.Version(); err != nil || v != 4 || dirty {
				t.Fatalf("Version after Up: %d dirty=%v %v", v, dirty, err)
			}
			if err := m.Up(); !errors.Is(err, migrate.ErrNoChange) {
				t.Fatalf("second Up: %v, want ErrNoChange", err)
			}
			if got := schemaShape(t, db); got != shapeAll {
				t.Errorf("after Up: %s, want %s", got, shapeAll)
			}
			useMigrated(t, db)
			if err := m.Steps(-2); err != nil {
				t.Fatalf("Steps(-2): %v", err)
			}
			if v, _, _ := m.Version(); v != 2 {
				t.Errorf("Version after Steps(-2): %d", v)
			}
			if err := m.Down(); err != nil {
				t.Fatalf("Down: %v", err)
			}
			if _, _, err := m.Version(); !errors.Is(err, migrate.ErrNilVersion) {
				t.Errorf("Version after Down: %v, want ErrNilVersion", err)
			}
			if got := schemaShape(t, db); got != shapeNone {
				t.Errorf("after Down: %q, want nothing", got)
			}
		})
	}
	// A migration that fails leaves the version dirty, as the tool reports it.
	bad := t.TempDir()
	for _, f := range []string{"1_create_accounts.up.sql", "1_create_accounts.down.sql"} {
		b, err := os.ReadFile("testdata/migrate/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bad+"/"+f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(bad+"/2_bad.up.sql", []byte("ALTER TABLE nosuchtable ADD x int;"), 0o644); err != nil {
		t.Fatal(err)
	}
	mb, err := migrate.New("file://"+bad, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	err = mb.Up()
	if err == nil || !strings.Contains(err.Error(), "nosuchtable") {
		t.Fatalf("Up with a bad migration: %v", err)
	}
	if v, dirty, _ := mb.Version(); v != 2 || !dirty {
		t.Errorf("after the failed migration: version %d dirty=%v, want 2 dirty", v, dirty)
	}
	if err := mb.Force(1); err != nil {
		t.Fatalf("Force: %v", err)
	}
	if err := mb.Down(); err != nil {
		t.Fatalf("Down after Force: %v", err)
	}
}

func TestGoose(t *testing.T) {
	ctx := context.Background()
	_, dsn := startDB(t, "gooseapp")
	db := openDB(t, dsn)
	fsys := gooseMigrations(t)
	p, err := goose.NewProvider(goose.DialectMSSQL, db, fsys)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	for round := 1; round <= 2; round++ {
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			res, err := p.Up(ctx)
			if err != nil {
				t.Fatalf("Up: %v", err)
			}
			if len(res) != 4 {
				t.Errorf("Up applied %d migrations, want 4", len(res))
			}
			if v, err := p.GetDBVersion(ctx); err != nil || v != 4 {
				t.Fatalf("GetDBVersion: %d %v", v, err)
			}
			if res, err := p.Up(ctx); err != nil || len(res) != 0 {
				t.Errorf("second Up: %d applied, %v", len(res), err)
			}
			st, err := p.Status(ctx)
			if err != nil {
				t.Fatalf("Status: %v", err)
			}
			for _, s := range st {
				if s.State != goose.StateApplied || s.AppliedAt.IsZero() {
					t.Errorf("Status of %d: %s at %v", s.Source.Version, s.State, s.AppliedAt)
				}
			}
			if got := schemaShape(t, db); got != shapeAll {
				t.Errorf("after Up: %s, want %s", got, shapeAll)
			}
			useMigrated(t, db)
			if _, err := p.Down(ctx); err != nil {
				t.Fatalf("Down: %v", err)
			}
			if v, _ := p.GetDBVersion(ctx); v != 3 {
				t.Errorf("version after Down: %d, want 3", v)
			}
			if _, err := p.DownTo(ctx, 0); err != nil {
				t.Fatalf("DownTo(0): %v", err)
			}
			st, err = p.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range st {
				if s.State != goose.StatePending {
					t.Errorf("Status of %d after DownTo(0): %s", s.Source.Version, s.State)
				}
			}
			if got := schemaShape(t, db); got != shapeNone {
				t.Errorf("after DownTo(0): %q, want nothing", got)
			}
		})
	}
	// The package-level API (the goose CLI's) on the same table.
	if err := goose.SetDialect("mssql"); err != nil {
		t.Fatal(err)
	}
	goose.SetLogger(goose.NopLogger())
	goose.SetBaseFS(fsys)
	t.Cleanup(func() { goose.SetBaseFS(nil) })
	if err := goose.UpTo(db, ".", 2); err != nil {
		t.Fatalf("goose.UpTo: %v", err)
	}
	if v, err := goose.GetDBVersion(db); err != nil || v != 2 {
		t.Errorf("goose.GetDBVersion: %d %v", v, err)
	}
	if err := goose.Status(db, "."); err != nil {
		t.Errorf("goose.Status: %v", err)
	}
	if err := goose.Reset(db, "."); err != nil {
		t.Errorf("goose.Reset: %v", err)
	}
}
