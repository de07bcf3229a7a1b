package tests

import (
	"fmt"
	"testing"
)

// TestClientSystemViewNullability: catalog views and DMVs describe their
// columns as SQL Server does, through go-mssqldb's ColumnTypes().Nullable()
// (COLMETADATA's fNullable): sysname names and ids NOT NULL, sys.objects'
// computed type and type_desc, principal_id, _desc columns and the values
// a row may lack NULL; an outer join, an expression or a view over a
// catalog view follow the user-table rules (ISNULL with a NOT NULL
// replacement is NOT NULL, x + 1 and the NULL-extended side nullable).
// Every row is read: a NOT NULL column carrying a NULL fails. On the old
// code every column was nullable.
func TestClientSystemViewNullability(t *testing.T) {
	db := nullabilityDB(t, "sysviewnull")
	mustExec(t, db, "CREATE VIEW dbo.nl_objs AS SELECT name, object_id, principal_id, type_desc FROM sys.objects")
	const (
		N = true  // nullable
		F = false // NOT NULL
	)
	for _, c := range []struct {
		name, query string
		want        []bool
	}{
		{"sys.objects", "SELECT name, object_id, type, create_date, schema_id, principal_id, type_desc FROM sys.objects", []bool{F, F, N, F, F, N, N}},
		{"sys.tables", "SELECT name, object_id, lob_data_space_id, lock_escalation_desc FROM sys.tables", []bool{F, F, F, N}},
		{"sys.columns", "SELECT object_id, name, column_id, is_nullable, is_identity, collation_name FROM sys.columns", []bool{F, N, F, N, F, N}},
		{"sys.schemas", "SELECT * FROM sys.schemas", []bool{F, F, N}},
		{"sys.indexes", "SELECT object_id, name, index_id, is_unique FROM sys.indexes", []bool{F, N, F, F}},
		{"sys.databases", "SELECT name, database_id, state_desc, collation_name FROM sys.databases", []bool{F, F, N, N}},
		{"sys.dm_exec_sessions", "SELECT session_id, login_name, host_name, status FROM sys.dm_exec_sessions", []bool{F, F, N, F}},
		{"sys.dm_exec_requests", "SELECT session_id, start_time, wait_type, last_wait_type, wait_resource FROM sys.dm_exec_requests", []bool{F, F, N, F, F}},
		{"information_schema", "SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES", []bool{N, N, F, N}},
		{"left join", "SELECT o.name, c.column_id, c.object_id FROM sys.objects AS o LEFT JOIN sys.columns AS c ON c.object_id = o.object_id", []bool{F, N, N}},
		{"expressions", "SELECT ISNULL(principal_id, 0), object_id + 1, ISNULL(type_desc, N'') FROM sys.objects", []bool{F, N, F}},
		{"view over sys.objects", "SELECT * FROM dbo.nl_objs", []bool{F, F, N, N}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, err := db.Query(c.query)
			if err != nil {
				t.Fatalf("%s: %v", c.query, err)
			}
			defer rows.Close()
			checkNullability(t, rows, c.want)
		})
	}
	// sys.columns of the view reports what its result metadata says.
	rows, err := db.Query("SELECT name, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.nl_objs') ORDER BY column_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name string
		var nullable bool
		if err := rows.Scan(&name, &nullable); err != nil {
			t.Fatal(err)
		}
		if nullable {
			name += " NULL"
		}
		got = append(got, name)
	}
	if want := "[name object_id principal_id NULL type_desc NULL]"; fmt.Sprint(got) != want {
		t.Errorf("sys.columns of dbo.nl_objs: %v, want %s", got, want)
	}
}
