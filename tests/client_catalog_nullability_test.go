package tests

import (
	"testing"
)

// TestClientDescribeResultNullability: sp_describe_first_result_set's own
// result carries the nullability its reference page gives each column
// (is_hidden bit NOT NULL, name sysname NULL …), so the NOT NULL bit and
// int columns arrive as SQL Server sends them, BIT and INT (fixed length)
// rather than BITN and INTN, and go-mssqldb's ColumnTypes().Nullable()
// reads false for them. Every row is read too (checkNullability): a column
// sent NOT NULL carries no NULL.
func TestClientDescribeResultNullability(t *testing.T) {
	db := nullabilityDB(t, "describenull")
	notNull := map[string]bool{"is_hidden": true, "column_ordinal": true, "is_nullable": true, "system_type_id": true,
		"max_length": true, "precision": true, "scale": true, "is_xml_document": true, "is_case_sensitive": true,
		"is_fixed_length_clr_type": true, "tds_type_id": true, "tds_length": true}
	for _, q := range []string{
		"EXEC sp_describe_first_result_set N'SELECT id, v, s FROM dbo.nl_big'",
		"EXEC sp_describe_first_result_set N'SELECT b.id, s.w FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id', NULL, 1",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cts, err := rows.ColumnTypes()
		if err != nil {
			t.Fatal(err)
		}
		want := make([]bool, len(cts))
		for i, ct := range cts {
			want[i] = !notNull[ct.Name()]
			if ct.Name() == "is_hidden" && ct.DatabaseTypeName() != "BIT" || ct.Name() == "column_ordinal" && ct.DatabaseTypeName() != "INT" {
				t.Errorf("%s: %s is %s", q, ct.Name(), ct.DatabaseTypeName())
			}
		}
		checkNullability(t, rows, want)
		rows.Close()
	}
}
