package tests

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// fixedTypeCases are the types SQL Server sends as a fixed-length TDS type
// (INT4TYPE, BITTYPE, FLT8TYPE, MONEYTYPE, DATETIMETYPE, …) in a NOT NULL
// result column and as the nullable N type (INTNTYPE, BITNTYPE, …) in a
// nullable one, with their extreme values as go-mssqldb returns them.
var fixedTypeCases = []struct {
	sqlType, dbType string
	min, max        string // T-SQL literals
	wantMin         any
	wantMax         any
}{
	{"bit", "BIT", "0", "1", false, true},
	{"tinyint", "TINYINT", "0", "255", int64(0), int64(255)},
	{"smallint", "SMALLINT", "-32768", "32767", int64(-32768), int64(32767)},
	{"int", "INT", "-2147483648", "2147483647", int64(-2147483648), int64(2147483647)},
	{"bigint", "BIGINT", "-9223372036854775808", "9223372036854775807", int64(-9223372036854775808), int64(9223372036854775807)},
	{"real", "REAL", "-3.40E+38", "3.40E+38", float64(float32(-3.40e38)), float64(float32(3.40e38))},
	{"float", "FLOAT", "-1.79E+308", "1.79E+308", -1.79e308, 1.79e308},
	{"smallmoney", "SMALLMONEY", "-214748.3648", "214748.3647", []byte("-214748.3648"), []byte("214748.3647")},
	{"money", "MONEY", "-922337203685477.5808", "922337203685477.5807", []byte("-922337203685477.5808"), []byte("922337203685477.5807")},
	{"smalldatetime", "SMALLDATETIME", "'1900-01-01'", "'2079-06-06 23:59'", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2079, 6, 6, 23, 59, 0, 0, time.UTC)},
	{"datetime", "DATETIME", "'1753-01-01'", "'9999-12-31 23:59:59.997'", time.Date(1753, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 997000000, time.UTC)},
}

// TestClientFixedLengthTypes checks, through go-mssqldb, that a NOT NULL
// column of each fixed-length type is reported NOT NULL with its SQL type
// name and carries its minimum and maximum values unchanged, and that the
// same type in a nullable column is reported nullable and carries NULL —
// in one result, so that rows with NULLs (NBCROW) and without (ROW) mix
// fixed-length and nullable columns; and again through sp_executesql (RPC).
func TestClientFixedLengthTypes(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "fixedtypes"})
	db := srv.DB("master")
	var defs, minVals, maxVals []string
	for i, tc := range fixedTypeCases {
		defs = append(defs, fmt.Sprintf("nn%d %s NOT NULL, n%d %s NULL", i, tc.sqlType, i, tc.sqlType))
		minVals = append(minVals, tc.min+", "+tc.min)
		maxVals = append(maxVals, tc.max+", NULL")
	}
	mustExec(t, db, "CREATE TABLE dbo.fixed_t (k int NOT NULL PRIMARY KEY, "+strings.Join(defs, ", ")+")")
	mustExec(t, db, "INSERT dbo.fixed_t VALUES (1, "+strings.Join(minVals, ", ")+"), (2, "+strings.Join(maxVals, ", ")+")")

	query := "SELECT * FROM dbo.fixed_t ORDER BY k"
	for _, via := range []string{"batch", "rpc"} {
		t.Run(via, func(t *testing.T) {
			var rows *sql.Rows
			var err error
			if via == "batch" {
				rows, err = db.Query(query)
			} else {
				rows, err = db.Query(query+" -- @p1", sql.Named("p1", 1)) // a parameter makes it sp_executesql
			}
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			cts, err := rows.ColumnTypes()
			if err != nil {
				t.Fatal(err)
			}
			if len(cts) != 1+2*len(fixedTypeCases) {
				t.Fatalf("%d columns", len(cts))
			}
			for i, tc := range fixedTypeCases {
				for j, wantNull := range []bool{false, true} {
					ct := cts[1+2*i+j]
					if got := ct.DatabaseTypeName(); got != tc.dbType {
						t.Errorf("%s: DatabaseTypeName = %s, want %s", ct.Name(), got, tc.dbType)
					}
					if n, ok := ct.Nullable(); !ok || n != wantNull {
						t.Errorf("%s: Nullable = %v (known %v), want %v", ct.Name(), n, ok, wantNull)
					}
				}
			}
			vals := make([]any, len(cts))
			ptrs := make([]any, len(cts))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for r := 0; rows.Next(); r++ {
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, tc := range fixedTypeCases {
					want, wantN := tc.wantMin, tc.wantMin
					if r == 1 {
						want, wantN = tc.wantMax, nil
					}
					if got := vals[1+2*i]; !sameValue(got, want) {
						t.Errorf("row %d %s NOT NULL = %#v, want %#v", r+1, tc.sqlType, got, want)
					}
					if got := vals[2+2*i]; wantN == nil && got != nil || wantN != nil && !sameValue(got, wantN) {
						t.Errorf("row %d %s NULL = %#v, want %#v", r+1, tc.sqlType, got, wantN)
					}
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestClientFixedLengthExpressions: the NOT NULL rule of result metadata
// (constants, ISNULL with a NOT NULL replacement, NOT NULL columns through
// views, derived tables and UNION) picks the fixed-length type, everything
// else the nullable one, and the go types go-mssqldb scans into are the same
// either way.
func TestClientFixedLengthExpressions(t *testing.T) {
	db := nullabilityDB(t, "fixedexpr")
	tests := []struct {
		query    string
		nullable []bool
	}{
		{"SELECT 1 AS one, 2.5E0 AS f, CAST(1 AS bit) AS b", []bool{false, false, true}},
		{"SELECT id, v, ISNULL(v, 0) AS z, id + 1 AS e FROM dbo.nl_big", []bool{false, true, false, true}},
		{"SELECT id, v FROM dbo.nl_view", []bool{false, true}},
		{"SELECT id FROM dbo.nl_big UNION ALL SELECT id FROM dbo.nl_small", []bool{false}},
		{"SELECT b.id, s.id FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id", []bool{false, true}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			rows, err := db.Query(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			checkNullability(t, rows, tc.nullable) // client_nullability_test.go
		})
	}
}

// TestClientOutputClauseNullability: OUTPUT columns keep the nullability of
// the columns they return from the pseudo-table the statement fills
// (inserted for INSERT, deleted for DELETE, both for UPDATE), so a NOT NULL
// int comes back NOT NULL (fixed-length INT4); MERGE, whose actions leave
// one side NULL, and nullable columns report nullable. Every row is read: a
// column reported NOT NULL must not carry a NULL.
func TestClientOutputClauseNullability(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "outputnull"})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.oc (id int IDENTITY PRIMARY KEY, v int NOT NULL, w int NULL)")
	mustExec(t, db, "CREATE TABLE dbo.oc_src (id int NOT NULL, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.oc_src VALUES (1, 10), (99, 990)")
	tests := []struct {
		query string
		want  []bool // nullable per column
	}{
		{"INSERT dbo.oc (v, w) OUTPUT inserted.* VALUES (1, NULL), (2, 20)", []bool{false, false, true}},
		{"INSERT dbo.oc (v) OUTPUT inserted.v, inserted.w, 7 AS k, inserted.v + 1 AS e VALUES (3)", []bool{false, true, false, true}},
		{"UPDATE dbo.oc SET v = v + 10 OUTPUT deleted.v AS old, inserted.v AS new, deleted.w WHERE id <= 2", []bool{false, false, true}},
		{"DELETE dbo.oc OUTPUT deleted.* WHERE id = 3", []bool{false, false, true}},
		{"MERGE dbo.oc AS t USING dbo.oc_src AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (v) VALUES (s.v) OUTPUT inserted.id, deleted.v;", []bool{true, true}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			rows, err := db.Query(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			checkNullability(t, rows, tc.want) // client_nullability_test.go
		})
	}
}
