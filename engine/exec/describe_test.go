package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestDescribeFirstResultSet: sp_describe_first_result_set binds the batch
// without running it. Each case shows the described columns (name, type,
// nullability and, for browse mode, the source), or SQL Server's error.
func TestDescribeFirstResultSet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "describe")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE ds",
		"USE ds",
		"CREATE TABLE dbo.t (id int IDENTITY NOT NULL PRIMARY KEY, name nvarchar(40) NULL, amount decimal(9,2) NOT NULL, ver rowversion, twice AS amount * 2)",
		"INSERT dbo.t (name, amount) VALUES (N'a', 1)",
		"CREATE PROCEDURE dbo.p @k int AS BEGIN SET NOCOUNT ON; UPDATE dbo.t SET amount = amount + 1; SELECT id, name FROM dbo.t WHERE id = @k END",
		"CREATE PROCEDURE dbo.dyn AS EXEC ('SELECT 1')",
		"CREATE PROCEDURE dbo.tmp AS SELECT * FROM #x",
	} {
		out := &catTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || len(out.lines) > 0 {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	for _, c := range []struct{ name, q, want string }{
		{"select", "EXEC sp_describe_first_result_set N'SELECT id, name, amount, ver, twice, 1 AS one, name + N''x'' FROM dbo.t'", `
1|id|0|56|int|4|10|0|NULL|0|0|0|1|56|4
2|name|1|231|nvarchar(40)|80|0|0|SQL_Latin1_General_CP1_CI_AS|0|0|1|0|231|80
3|amount|0|106|decimal(9,2)|5|9|2|NULL|0|0|1|0|106|5
4|ver|0|189|timestamp|8|0|0|NULL|0|0|0|0|173|8
5|twice|1|106|decimal(20,2)|13|20|2|NULL|0|1|0|0|106|13
6|one|0|56|int|4|10|0|NULL|0|0|0|0|56|4
7|NULL|1|231|nvarchar(41)|82|0|0|SQL_Latin1_General_CP1_CI_AS|0|0|0|0|231|82`},
		{"params", "EXEC sp_describe_first_result_set N'SELECT @a AS a, @b + 1 AS b', N'@a varchar(10), @b bigint'", `
1|a|1|167|varchar(10)|10|0|0|SQL_Latin1_General_CP1_CI_AS|0|0|0|0|167|10
2|b|1|127|bigint|8|19|0|NULL|0|0|0|0|38|8`},
		{"procedure", "EXEC sp_describe_first_result_set N'EXEC dbo.p 1'", `
1|id|0|56|int|4|10|0|NULL|0|0|0|1|56|4
2|name|1|231|nvarchar(40)|80|0|0|SQL_Latin1_General_CP1_CI_AS|0|0|1|0|231|80`},
		{"no result", "EXEC sp_describe_first_result_set N'UPDATE dbo.t SET amount = 0'", ``},
		{"declare then if", "EXEC sp_describe_first_result_set N'DECLARE @x int = 1; IF @x = 1 SELECT @x AS x ELSE SELECT 2 AS y'", `
1|x|1|56|int|4|10|0|NULL|0|0|0|0|38|4`},
		{"dynamic", "EXEC sp_describe_first_result_set N'EXEC (''SELECT 1'')'",
			"error 11513: The metadata could not be determined because statement 'EXEC ('SELECT 1')' contains dynamic SQL.  Consider using the WITH RESULT SETS clause to explicitly describe the result set."},
		{"dynamic in procedure", "EXEC sp_describe_first_result_set N'EXEC dbo.dyn'",
			"error 11514: The metadata could not be determined because statement 'EXEC ('SELECT 1')' in procedure 'dyn' contains dynamic SQL.  Consider using the WITH RESULT SETS clause to explicitly describe the result set."},
		{"temp table", "EXEC sp_describe_first_result_set N'SELECT * FROM #x'",
			"error 11525: The metadata could not be determined because statement 'SELECT * FROM #x' uses a temp table."},
		{"temp table in procedure", "EXEC sp_describe_first_result_set N'EXEC dbo.tmp'",
			"error 11526: The metadata could not be determined because statement 'SELECT * FROM #x' in procedure 'tmp' uses a temp table."},
		{"bind error", "EXEC sp_describe_first_result_set N'SELECT * FROM dbo.nope'",
			"error 208: Invalid object name 'dbo.nope'.\nerror 11529: The metadata could not be determined because every code path results in an error; see previous errors for some of these."},
		{"browse", "EXEC sp_describe_first_result_set N'SELECT id, amount FROM dbo.t', NULL, 1", `
1|id|0|56|int|4|10|0|NULL|ds|dbo|t|id|1|1|0|56|4
2|amount|0|106|decimal(9,2)|5|9|2|NULL|ds|dbo|t|amount|0|0|1|106|5`},
		{"dmv", "SELECT column_ordinal, name, system_type_name FROM sys.dm_exec_describe_first_result_set(N'SELECT id FROM dbo.t', NULL, 0)", `
1|id|int`},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := c.q
			// Results are read through INSERT … EXEC (the columns this test
			// compares, in this order); errors directly.
			if strings.HasPrefix(q, "EXEC sp_describe") && !strings.HasPrefix(c.want, "error") {
				q = "DECLARE @r TABLE (is_hidden bit, column_ordinal int, name sysname NULL, is_nullable bit, system_type_id int, system_type_name nvarchar(256), max_length smallint, [precision] tinyint, scale tinyint, collation_name sysname NULL, user_type_id int NULL, user_type_database sysname NULL, user_type_schema sysname NULL, user_type_name sysname NULL, assembly_qualified_type_name nvarchar(4000) NULL, xml_collection_id int NULL, xml_collection_database sysname NULL, xml_collection_schema sysname NULL, xml_collection_name sysname NULL, is_xml_document bit, is_case_sensitive bit, is_fixed_length_clr_type bit, source_server sysname NULL, source_database sysname NULL, source_schema sysname NULL, source_table sysname NULL, source_column sysname NULL, is_identity_column bit NULL, is_part_of_unique_key bit NULL, is_updateable bit NULL, is_computed_column bit NULL, is_sparse_column_set bit NULL, ordinal_in_order_by_list smallint NULL, order_by_list_length smallint NULL, order_by_is_descending smallint NULL, tds_type_id int NULL, tds_length int NULL, tds_collation_id int NULL, tds_collation_sort_id tinyint NULL); " +
					"INSERT @r " + q + "; "
				if strings.Contains(c.name, "browse") {
					q += "SELECT column_ordinal, name, is_nullable, system_type_id, system_type_name, max_length, [precision], scale, collation_name, source_database, source_schema, source_table, source_column, is_identity_column, is_part_of_unique_key, is_updateable, tds_type_id, tds_length FROM @r ORDER BY column_ordinal"
				} else {
					q += "SELECT column_ordinal, name, is_nullable, system_type_id, system_type_name, max_length, [precision], scale, collation_name, is_case_sensitive, is_computed_column, is_updateable, is_identity_column, tds_type_id, tds_length FROM @r ORDER BY column_ordinal"
				}
			}
			out := &catTrace{}
			if err := sa.ExecBatch(ctx, q, out); err != nil {
				if err := out.Error(err); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, l := range out.lines {
				if !strings.HasPrefix(l, "# ") {
					got = append(got, l)
				}
			}
			if g, w := strings.Join(got, "\n"), strings.TrimSpace(c.want); g != w {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.q, g, w)
			}
		})
	}
	// Nothing ran: dbo.p's UPDATE did not add 1.
	out := &catTrace{}
	if err := sa.ExecBatch(ctx, "SELECT amount FROM dbo.t", out); err != nil || strings.Join(out.lines, ";") != "# amount;1.00" {
		t.Errorf("dbo.t after describing: %v %q, want amount 1.00", err, out.lines)
	}
}

// TestDescribeUndeclaredParameters: an undeclared parameter compared with,
// assigned to or inserted into a column is suggested that column's type;
// declared ones are not listed; one without a column is nvarchar(4000).
func TestDescribeUndeclaredParameters(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "undeclared")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE up",
		"USE up",
		"CREATE TABLE dbo.t (id int IDENTITY NOT NULL PRIMARY KEY, code char(4) NOT NULL, name nvarchar(40) NULL, amount decimal(9,2) NOT NULL, at datetime2(3) NULL)",
	} {
		out := &catTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || len(out.lines) > 0 {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	for _, c := range []struct{ name, tsql, params, want string }{
		{"where", "SELECT * FROM dbo.t WHERE id = @id AND name LIKE @n", "", "1|@id|56|int|4\n2|@n|231|nvarchar(40)|80"},
		{"qualified and in", "SELECT x.id FROM dbo.t AS x WHERE @c = x.code OR x.amount IN (@a1, @a2)", "", "1|@c|175|char(4)|4\n2|@a1|106|decimal(9,2)|5\n3|@a2|106|decimal(9,2)|5"},
		{"update", "UPDATE dbo.t SET at = @at, amount = amount + @d WHERE id BETWEEN @lo AND @hi", "", "1|@at|42|datetime2(3)|7\n2|@d|106|decimal(9,2)|5\n3|@lo|56|int|4\n4|@hi|56|int|4"},
		{"insert", "INSERT dbo.t (code, amount) VALUES (@code, @amount)", "", "1|@code|175|char(4)|4\n2|@amount|106|decimal(9,2)|5"},
		{"insert without columns", "INSERT dbo.t VALUES (@c, @n, @a, @w)", "", "1|@c|175|char(4)|4\n2|@n|231|nvarchar(40)|80\n3|@a|106|decimal(9,2)|5\n4|@w|42|datetime2(3)|7"},
		{"declared", "DECLARE @x int = 1; SELECT * FROM dbo.t WHERE id = @x AND code = @code", "@code char(4)", ""},
		{"no column", "SELECT @free AS f", "", "1|@free|231|nvarchar(4000)|8000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := "DECLARE @r TABLE (o int, name sysname, id int, tn nvarchar(256), ml smallint, p tinyint, s tinyint, ut int, utd sysname NULL, uts sysname NULL, utn sysname NULL, aq nvarchar(4000) NULL, xid int NULL, xd sysname NULL, xs sysname NULL, xn sysname NULL, xdoc bit, cs bit, clr bit, isin bit, isout bit, fp sysname NULL, tt int, tl int); " +
				"INSERT @r EXEC sp_describe_undeclared_parameters @tsql = N'" + strings.ReplaceAll(c.tsql, "'", "''") + "'"
			if c.params != "" {
				q += ", @params = N'" + c.params + "'"
			}
			q += "; SELECT o, name, id, tn, ml FROM @r ORDER BY o"
			out := &catTrace{}
			if err := sa.ExecBatch(ctx, q, out); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range out.lines {
				if !strings.HasPrefix(l, "# ") {
					got = append(got, l)
				}
			}
			if g := strings.Join(got, "\n"); g != c.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.tsql, g, c.want)
			}
		})
	}
}

// TestCatalogProcsOddArguments: the catalog, describe and extended-property
// procedures given NULLs, wrong types, empty or broken batches and deep
// nesting answer with a result or an error, never a panic, and leave the
// session usable.
func TestCatalogProcsOddArguments(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "oddargs")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE oa", "USE oa", "CREATE TABLE dbo.t (id int PRIMARY KEY)",
		"CREATE PROCEDURE dbo.self AS EXEC dbo.self",
	} {
		if err := sa.ExecBatch(ctx, q, &catTrace{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		"EXEC sp_pkeys NULL", "EXEC sp_pkeys 1, 2, 3", "EXEC sp_fkeys @pktable_name = NULL, @fktable_name = N''",
		"EXEC sp_statistics N't', @index_name = N'[', @is_unique = NULL", "EXEC sp_special_columns N't', @col_type = 'X'",
		"EXEC sp_stored_procedures N'[%'", "EXEC sp_sproc_columns NULL, NULL, NULL, NULL, NULL, NULL",
		"EXEC sp_datatype_info NULL, NULL", "EXEC sp_datatype_info_100 -32768", "EXEC sp_server_info -1",
		"EXEC sp_table_privileges NULL", "EXEC sp_column_privileges N''",
		"EXEC sp_describe_first_result_set NULL", "EXEC sp_describe_first_result_set N''",
		"EXEC sp_describe_first_result_set N'SELECT'", "EXEC sp_describe_first_result_set N'EXEC dbo.self'",
		"EXEC sp_describe_first_result_set N'DECLARE @t TABLE (a int); SELECT a FROM @t'",
		"EXEC sp_describe_first_result_set N'SELECT @x', N'@x'", "EXEC sp_describe_first_result_set N'IF 1=1 BEGIN WHILE 1=0 SELECT 1 END'",
		"EXEC sp_describe_undeclared_parameters NULL", "EXEC sp_describe_undeclared_parameters N'INSERT dbo.t VALUES (@a, @b, @c)'",
		"EXEC sp_describe_undeclared_parameters N'SELECT * FROM nope WHERE x = @p'",
		"SELECT * FROM sys.dm_exec_describe_first_result_set(NULL, NULL, NULL)",
		"EXEC sp_addextendedproperty NULL", "EXEC sp_addextendedproperty N'a', NULL, N'SCHEMA', NULL",
		"EXEC sp_addextendedproperty N'a', 1, NULL, NULL, N'TABLE', N't'", "EXEC sp_dropextendedproperty N'zz'",
		"EXEC sp_updateextendedproperty N'a', 1, N'SCHEMA', N'dbo', N'TABLE', N't', N'COLUMN', NULL",
		"SELECT * FROM fn_listextendedproperty(NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
		"SELECT * FROM fn_listextendedproperty(1, 2, 3, 4, 5, 6, 7)",
	} {
		t.Run(q, func(t *testing.T) {
			out := &catTrace{}
			if err := sa.ExecBatch(ctx, q, out); err != nil {
				_ = out.Error(err)
			}
			if got := strings.Join(out.lines, "\n"); strings.Contains(strings.ToLower(got), "panic") || strings.Contains(got, "error 0:") {
				t.Errorf("%s: %s", q, got)
			}
			out = &catTrace{}
			if err := sa.ExecBatch(ctx, "SELECT COUNT(*) FROM dbo.t", out); err != nil || strings.Join(out.lines, ";") != "# ;0" {
				t.Errorf("after %s: %v %q", q, err, out.lines)
			}
		})
	}
}
