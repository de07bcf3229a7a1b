package apps

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// sqlx over go-mssqldb: named parameters become @p1…, In expands a slice,
// and Select/Get map columns to struct fields by their db tags.

type sqlxEmployee struct {
	ID       int       `db:"id"`
	Name     string    `db:"name"`
	Dept     string    `db:"dept"`
	Salary   float64   `db:"salary"`
	Hired    time.Time `db:"hired"`
	Manager  *int      `db:"manager_id"`
	IsActive bool      `db:"is_active"`
}

func TestSqlx(t *testing.T) {
	ctx := context.Background()
	_, dsn := startDB(t, "sqlxapp")
	db, err := sqlx.Open("sqlserver", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// go-mssqldb takes @name and @p1 parameters: sqlx's AT bindvar.
	if got := db.Rebind("?"); got != "@p1" {
		t.Fatalf("sqlx bindvar for sqlserver: %q", got)
	}
	db.MustExecContext(ctx, `CREATE TABLE dbo.employees (
		id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(100) NOT NULL, dept varchar(20) NOT NULL,
		salary decimal(10,2) NOT NULL, hired datetime2 NOT NULL, manager_id int NULL REFERENCES dbo.employees(id),
		is_active bit NOT NULL DEFAULT 1)`)

	hired := time.Date(2021, 3, 4, 9, 0, 0, 0, time.UTC)
	boss := sqlxEmployee{Name: "Grace", Dept: "eng", Salary: 200000, Hired: hired, IsActive: true}
	// NamedExec of one struct, then OUTPUT through a named query.
	if _, err := db.NamedExecContext(ctx, `INSERT INTO dbo.employees (name, dept, salary, hired, is_active) VALUES (:name, :dept, :salary, :hired, :is_active)`, boss); err != nil {
		t.Fatalf("NamedExec: %v", err)
	}
	rows, err := db.NamedQueryContext(ctx, `INSERT INTO dbo.employees (name, dept, salary, hired, manager_id) OUTPUT INSERTED.id VALUES (:name, :dept, :salary, :hired, :manager_id)`,
		map[string]any{"name": "Alan", "dept": "eng", "salary": 120000.5, "hired": hired.AddDate(1, 0, 0), "manager_id": 1})
	if err != nil {
		t.Fatalf("NamedQuery OUTPUT: %v", err)
	}
	var alanID int
	for rows.Next() {
		if err := rows.Scan(&alanID); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	if alanID != 2 {
		t.Errorf("OUTPUT INSERTED.id: %d, want 2", alanID)
	}
	// NamedExec of a slice: one batched INSERT … VALUES (…), (…).
	mgr := 1
	batch := []sqlxEmployee{
		{Name: "Ada", Dept: "research", Salary: 150000, Hired: hired, Manager: &mgr, IsActive: true},
		{Name: "Linus", Dept: "ops", Salary: 90000, Hired: hired, Manager: &mgr},
		{Name: "Ken", Dept: "ops", Salary: 95000, Hired: hired, IsActive: true},
	}
	res, err := db.NamedExecContext(ctx, `INSERT INTO dbo.employees (name, dept, salary, hired, manager_id, is_active) VALUES (:name, :dept, :salary, :hired, :manager_id, :is_active)`, batch)
	if err != nil {
		t.Fatalf("NamedExec batch: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 3 {
		t.Errorf("batch RowsAffected %d, want 3", n)
	}

	// Select into structs, Get one.
	var ops []sqlxEmployee
	if err := db.SelectContext(ctx, &ops, `SELECT * FROM dbo.employees WHERE dept = @p1 ORDER BY name`, "ops"); err != nil {
		t.Fatalf("Select: %v", err)
	}
	if len(ops) != 2 || ops[0].Name != "Ken" || ops[1].Manager == nil || *ops[1].Manager != 1 || ops[1].IsActive {
		t.Errorf("Select: %+v", ops)
	}
	var grace sqlxEmployee
	if err := db.GetContext(ctx, &grace, db.Rebind(`SELECT * FROM dbo.employees WHERE name = ?`), "Grace"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if grace.ID != 1 || grace.Salary != 200000 || !grace.Hired.Equal(hired) || grace.Manager != nil {
		t.Errorf("Get: %+v", grace)
	}
	var count int
	if err := db.GetContext(ctx, &count, `SELECT COUNT(*) FROM dbo.employees WHERE manager_id = @mgr`, sql.Named("mgr", 1)); err != nil || count != 3 {
		t.Errorf("Get COUNT with a named parameter: %d %v", count, err)
	}

	// In() expands the slice into ?, ?, ?.
	q, args, err := sqlx.In(`SELECT name FROM dbo.employees WHERE dept IN (?) AND salary > ? ORDER BY name`, []string{"eng", "research"}, 130000)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := db.SelectContext(ctx, &names, db.Rebind(q), args...); err != nil {
		t.Fatalf("In: %v", err)
	}
	if len(names) != 2 || names[0] != "Ada" || names[1] != "Grace" {
		t.Errorf("In: %v", names)
	}
	// Named + In together.
	q, args, err = sqlx.Named(`SELECT name FROM dbo.employees WHERE id IN (:ids) AND is_active = :active`, map[string]any{"ids": []int{1, 2, 3, 4}, "active": true})
	if err != nil {
		t.Fatal(err)
	}
	if q, args, err = sqlx.In(q, args...); err != nil {
		t.Fatal(err)
	}
	names = nil
	if err := db.SelectContext(ctx, &names, db.Rebind(q), args...); err != nil || len(names) != 3 {
		t.Errorf("Named+In: %v %v", names, err)
	}

	// Transactions: Beginx, a prepared named statement, commit and rollback.
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.PrepareNamedContext(ctx, `UPDATE dbo.employees SET salary = salary * :factor WHERE dept = :dept`)
	if err != nil {
		t.Fatalf("PrepareNamed: %v", err)
	}
	if _, err := stmt.ExecContext(ctx, map[string]any{"factor": 1.1, "dept": "ops"}); err != nil {
		t.Fatalf("prepared named Exec: %v", err)
	}
	stmt.Close()
	var inTx float64
	if err := tx.GetContext(ctx, &inTx, `SELECT salary FROM dbo.employees WHERE name = @p1`, "Ken"); err != nil || inTx != 104500 {
		t.Errorf("read inside the transaction: %v %v", inTx, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	tx = db.MustBeginTx(ctx, nil)
	tx.MustExecContext(ctx, `DELETE FROM dbo.employees WHERE dept = @p1`, "ops")
	if err := tx.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	var total float64
	if err := db.GetContext(ctx, &total, `SELECT SUM(salary) FROM dbo.employees WHERE dept = 'ops'`); err != nil || total != 203500 {
		t.Errorf("ops salaries after commit and rollback: %v %v, want 203500", total, err)
	}

	// A result set mapped loosely: MapScan and StructScan over Queryx.
	rx, err := db.QueryxContext(ctx, `SELECT e.name, m.name AS manager FROM dbo.employees e LEFT JOIN dbo.employees m ON m.id = e.manager_id ORDER BY e.id`)
	if err != nil {
		t.Fatalf("Queryx: %v", err)
	}
	var pairs []map[string]any
	for rx.Next() {
		m := map[string]any{}
		if err := rx.MapScan(m); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, m)
	}
	rx.Close()
	if len(pairs) != 5 || pairs[0]["manager"] != nil || pairs[1]["manager"] != "Grace" {
		t.Errorf("MapScan: %v", pairs)
	}
}
