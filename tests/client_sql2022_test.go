package tests

import (
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientBitFunctions reads SQL Server 2022's bit manipulation results
// through go-mssqldb: each keeps expression_value's type (tinyint stays
// TINYINT, binary(n) BINARY) except BIT_COUNT (BIGINT) and GET_BIT (BIT),
// with the same values when the operands arrive as RPC parameters, and
// sp_describe_first_result_set reports the same types before running.
func TestClientBitFunctions(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "bitfuncs"})
	db := srv.DB("master")
	tests := []struct {
		expr   string
		dbType string
		sys    string // sp_describe_first_result_set's system_type_name
		want   any
	}{
		{"LEFT_SHIFT(CAST(3 AS tinyint), 7)", "TINYINT", "tinyint", int64(128)},
		{"CAST(-32768 AS smallint) >> 15", "SMALLINT", "smallint", int64(1)},
		{"12345 << 5", "INT", "int", int64(395040)},
		{"RIGHT_SHIFT(CAST(-1 AS bigint), 1)", "BIGINT", "bigint", int64(9223372036854775807)},
		{"LEFT_SHIFT(CAST(0x0180 AS binary(2)), 1)", "BINARY", "binary(2)", []byte{0x03, 0x00}},
		{"SET_BIT(CAST(0x00 AS varbinary(4)), 2)", "VARBINARY", "varbinary(4)", []byte{0x04}},
		{"SET_BIT(CAST(-1 AS smallint), 15, 0)", "SMALLINT", "smallint", int64(32767)},
		{"BIT_COUNT(CAST(-1 AS smallint))", "BIGINT", "bigint", int64(16)},
		{"GET_BIT(0xabcdef, 2)", "BIT", "bit", true},
		{"GET_BIT(CAST(NULL AS int), 0)", "BIT", "bit", nil},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			rows, err := db.Query("SELECT " + tc.expr + " AS v")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			cts, err := rows.ColumnTypes()
			if err != nil {
				t.Fatal(err)
			}
			if got := cts[0].DatabaseTypeName(); got != tc.dbType {
				t.Errorf("DatabaseTypeName = %s, want %s", got, tc.dbType)
			}
			if !rows.Next() {
				t.Fatalf("no row: %v", rows.Err())
			}
			var got any
			if err := rows.Scan(&got); err != nil {
				t.Fatal(err)
			}
			if !sameValue(got, tc.want) {
				t.Errorf("value = %#v, want %#v", got, tc.want)
			}
			rows.Close()

			var sys string
			if err := db.QueryRow("SELECT system_type_name FROM sys.dm_exec_describe_first_result_set(@q, NULL, 0)",
				sql.Named("q", "SELECT "+tc.expr+" AS v")).Scan(&sys); err != nil {
				t.Fatal(err)
			}
			if sys != tc.sys {
				t.Errorf("described as %s, want %s", sys, tc.sys)
			}
		})
	}

	t.Run("parameters", func(t *testing.T) {
		var shifted, set int64
		var count int64
		var bit bool
		var bin []byte
		err := db.QueryRow("SELECT @v << @n, SET_BIT(@v, @n), BIT_COUNT(@v), GET_BIT(@v, 0), RIGHT_SHIFT(@b, @n)",
			sql.Named("v", int64(5)), sql.Named("n", 3), sql.Named("b", []byte{0x80, 0x00})).Scan(&shifted, &set, &count, &bit, &bin)
		if err != nil {
			t.Fatal(err)
		}
		if shifted != 40 || set != 13 || count != 2 || !bit || !sameValue(bin, []byte{0x10, 0x00}) {
			t.Errorf("got %d %d %d %v %x, want 40 13 2 true 1000", shifted, set, count, bit, bin)
		}
	})

	t.Run("errors", func(t *testing.T) {
		_, err := db.Exec("SELECT GET_BIT(CAST(1 AS tinyint), 8)")
		wantSQLError(t, err, 4199, "Argument value 8 is invalid for argument 2 of get_bit function.")
		_, err = db.Exec("SELECT SET_BIT(1, 0, 2)")
		wantSQLError(t, err, 4199, "Argument value 2 is invalid for argument 3 of set_bit function.")
		_, err = db.Exec("SELECT LEFT_SHIFT(N'a', 1)")
		wantSQLError(t, err, 8116, "Argument data type nvarchar is invalid for argument 1 of left_shift function.")
	})
}
