package exec_test

var catalogProcsCases = []struct {
	name  string
	q     string
	asApp bool
	want  string
}{
	{name: "sp_pkeys", q: "EXEC sp_pkeys 'parent'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
cp|dbo|parent|id|1|pk_parent
cp|dbo|parent|code|2|pk_parent
`},
	{name: "sp_pkeys named", q: "EXEC sp_pkeys @table_name = N'child', @table_owner = N'dbo', @table_qualifier = N'cp'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
cp|dbo|child|cid|1|pk_child
`},
	{name: "sp_pkeys other db", q: "EXEC sp_pkeys 'parent', 'dbo', 'master'", want: `
error 15250: The database name component of the object qualifier must be the name of the current database.
`},
	{name: "sp_pkeys missing", q: "EXEC sp_pkeys 'nope'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
`},
	{name: "sp_fkeys pk", q: "EXEC sp_fkeys @pktable_name = 'parent'", want: `
# PKTABLE_QUALIFIER|PKTABLE_OWNER|PKTABLE_NAME|PKCOLUMN_NAME|FKTABLE_QUALIFIER|FKTABLE_OWNER|FKTABLE_NAME|FKCOLUMN_NAME|KEY_SEQ|UPDATE_RULE|DELETE_RULE|FK_NAME|PK_NAME|DEFERRABILITY
cp|dbo|parent|id|cp|dbo|child|pid|1|1|0|fk_child_parent|pk_parent|7
cp|dbo|parent|code|cp|dbo|child|pcode|2|1|0|fk_child_parent|pk_parent|7
`},
	{name: "sp_fkeys fk", q: "EXEC sp_fkeys @fktable_name = 'child'", want: `
# PKTABLE_QUALIFIER|PKTABLE_OWNER|PKTABLE_NAME|PKCOLUMN_NAME|FKTABLE_QUALIFIER|FKTABLE_OWNER|FKTABLE_NAME|FKCOLUMN_NAME|KEY_SEQ|UPDATE_RULE|DELETE_RULE|FK_NAME|PK_NAME|DEFERRABILITY
cp|dbo|parent|id|cp|dbo|child|pid|1|1|0|fk_child_parent|pk_parent|7
cp|dbo|parent|code|cp|dbo|child|pcode|2|1|0|fk_child_parent|pk_parent|7
`},
	{name: "sp_fkeys none", q: "EXEC sp_fkeys", want: `
error 15252: The primary key or foreign key table name must be given.
`},
	{name: "sp_statistics", q: "EXEC sp_statistics 'child'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|NON_UNIQUE|INDEX_QUALIFIER|INDEX_NAME|TYPE|SEQ_IN_INDEX|COLUMN_NAME|COLLATION|CARDINALITY|PAGES|FILTER_CONDITION
cp|dbo|child|NULL|NULL|NULL|0|NULL|NULL|NULL|1|1|NULL
cp|dbo|child|0|child|ux_child_amount|1|1|amount|D|1|1|NULL
cp|dbo|child|0|child|ux_child_amount|1|2|cid|A|1|1|NULL
cp|dbo|child|0|child|pk_child|3|1|cid|A|1|1|NULL
cp|dbo|child|1|child|ix_child_pid|3|1|pid|A|1|1|NULL
`},
	{name: "sp_statistics unique", q: "EXEC sp_statistics @table_name = 'child', @is_unique = 'Y', @index_name = 'u%'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|NON_UNIQUE|INDEX_QUALIFIER|INDEX_NAME|TYPE|SEQ_IN_INDEX|COLUMN_NAME|COLLATION|CARDINALITY|PAGES|FILTER_CONDITION
cp|dbo|child|NULL|NULL|NULL|0|NULL|NULL|NULL|1|1|NULL
cp|dbo|child|0|child|ux_child_amount|1|1|amount|D|1|1|NULL
cp|dbo|child|0|child|ux_child_amount|1|2|cid|A|1|1|NULL
`},
	{name: "sp_special_columns R", q: "EXEC sp_special_columns 'child', @scope = 'C'", want: `
# SCOPE|COLUMN_NAME|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|PSEUDO_COLUMN
0|cid|4|int|10|4|0|1
`},
	{name: "sp_special_columns R transaction scope", q: "EXEC sp_special_columns 'child'", want: `
# SCOPE|COLUMN_NAME|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|PSEUDO_COLUMN
1|cid|4|int|10|4|0|1
`},
	{name: "sp_special_columns V", q: "EXEC sp_special_columns 'child', @col_type = 'V', @ODBCVer = 3", want: `
# SCOPE|COLUMN_NAME|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|PSEUDO_COLUMN
NULL|ver|-2|timestamp|8|8|NULL|1
`},
	{name: "sp_special_columns unique", q: "EXEC sp_special_columns 'nokey', 'sales', @nullable = 'O', @scope = 'C'", want: `
# SCOPE|COLUMN_NAME|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|PSEUDO_COLUMN
0|b|4|int|10|4|0|1
`},
	{name: "sp_stored_procedures", q: "EXEC sp_stored_procedures", want: `
# PROCEDURE_QUALIFIER|PROCEDURE_OWNER|PROCEDURE_NAME|NUM_INPUT_PARAMS|NUM_OUTPUT_PARAMS|NUM_RESULT_SETS|REMARKS|PROCEDURE_TYPE
cp|dbo|get_child;1|-1|-1|-1|NULL|2
cp|sales|twice;0|-1|-1|-1|NULL|2
`},
	{name: "sp_stored_procedures pattern", q: "EXEC sp_stored_procedures @sp_name = 'get%'", want: `
# PROCEDURE_QUALIFIER|PROCEDURE_OWNER|PROCEDURE_NAME|NUM_INPUT_PARAMS|NUM_OUTPUT_PARAMS|NUM_RESULT_SETS|REMARKS|PROCEDURE_TYPE
cp|dbo|get_child;1|-1|-1|-1|NULL|2
`},
	{name: "sp_sproc_columns", q: "EXEC sp_sproc_columns @procedure_name = 'get_child', @ODBCVer = 3", want: `
# PROCEDURE_QUALIFIER|PROCEDURE_OWNER|PROCEDURE_NAME|COLUMN_NAME|COLUMN_TYPE|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|RADIX|NULLABLE|REMARKS|COLUMN_DEF|SQL_DATA_TYPE|SQL_DATETIME_SUB|CHAR_OCTET_LENGTH|ORDINAL_POSITION|IS_NULLABLE|SS_DATA_TYPE
cp|dbo|get_child;1|@RETURN_VALUE|5|4|int|10|4|0|10|0|NULL|NULL|4|NULL|NULL|0|NO|56
cp|dbo|get_child;1|@cid|1|4|int|10|4|0|10|1|NULL|NULL|4|NULL|NULL|1|YES|38
cp|dbo|get_child;1|@total|2|3|decimal|9|11|2|10|1|NULL|NULL|3|NULL|NULL|2|YES|106
cp|dbo|get_child;1|@since|1|93|datetime|23|16|3|NULL|1|NULL|NULL|9|3|NULL|3|YES|111
`},
	{name: "sp_sproc_columns function", q: "EXEC sp_sproc_columns 'twice'", want: `
# PROCEDURE_QUALIFIER|PROCEDURE_OWNER|PROCEDURE_NAME|COLUMN_NAME|COLUMN_TYPE|DATA_TYPE|TYPE_NAME|PRECISION|LENGTH|SCALE|RADIX|NULLABLE|REMARKS|COLUMN_DEF|SQL_DATA_TYPE|SQL_DATETIME_SUB|CHAR_OCTET_LENGTH|ORDINAL_POSITION|IS_NULLABLE|SS_DATA_TYPE
cp|sales|twice;0|@RETURN_VALUE|5|-5|bigint|19|8|0|10|1|NULL|NULL|-5|NULL|NULL|0|YES|38
cp|sales|twice;0|@v|1|-5|bigint|19|8|0|10|1|NULL|NULL|-5|NULL|NULL|1|YES|38
`},
	{name: "sp_datatype_info int", q: "EXEC sp_datatype_info 4", want: `
# TYPE_NAME|DATA_TYPE|PRECISION|LITERAL_PREFIX|LITERAL_SUFFIX|CREATE_PARAMS|NULLABLE|CASE_SENSITIVE|SEARCHABLE|UNSIGNED_ATTRIBUTE|MONEY|AUTO_INCREMENT|LOCAL_TYPE_NAME|MINIMUM_SCALE|MAXIMUM_SCALE|SQL_DATA_TYPE|SQL_DATETIME_SUB|NUM_PREC_RADIX|INTERVAL_PRECISION|USERTYPE
int|4|10|NULL|NULL|NULL|1|0|2|0|0|0|int|0|0|4|NULL|10|NULL|7
int identity|4|10|NULL|NULL|NULL|0|0|2|0|0|1|int identity|0|0|4|NULL|10|NULL|7
`},
	{name: "sp_datatype_info_100 timestamp odbc3", q: "EXEC sp_datatype_info_100 93, 3", want: `
# TYPE_NAME|DATA_TYPE|PRECISION|LITERAL_PREFIX|LITERAL_SUFFIX|CREATE_PARAMS|NULLABLE|CASE_SENSITIVE|SEARCHABLE|UNSIGNED_ATTRIBUTE|MONEY|AUTO_INCREMENT|LOCAL_TYPE_NAME|MINIMUM_SCALE|MAXIMUM_SCALE|SQL_DATA_TYPE|SQL_DATETIME_SUB|NUM_PREC_RADIX|INTERVAL_PRECISION|USERTYPE
datetime2|93|27|'|'|scale|1|0|3|NULL|0|NULL|datetime2|0|7|9|3|NULL|NULL|0
datetime|93|23|'|'|NULL|1|0|3|NULL|0|NULL|datetime|3|3|9|3|NULL|NULL|12
smalldatetime|93|16|'|'|NULL|1|0|3|NULL|0|NULL|smalldatetime|0|0|9|3|NULL|NULL|22
`},
	{name: "sp_datatype_info odbc2 timestamp", q: "EXEC sp_datatype_info 11", want: `
# TYPE_NAME|DATA_TYPE|PRECISION|LITERAL_PREFIX|LITERAL_SUFFIX|CREATE_PARAMS|NULLABLE|CASE_SENSITIVE|SEARCHABLE|UNSIGNED_ATTRIBUTE|MONEY|AUTO_INCREMENT|LOCAL_TYPE_NAME|MINIMUM_SCALE|MAXIMUM_SCALE|SQL_DATA_TYPE|SQL_DATETIME_SUB|NUM_PREC_RADIX|INTERVAL_PRECISION|USERTYPE
datetime|11|23|'|'|NULL|1|0|3|NULL|0|NULL|datetime|3|3|9|3|NULL|NULL|12
smalldatetime|11|16|'|'|NULL|1|0|3|NULL|0|NULL|smalldatetime|0|0|9|3|NULL|NULL|22
`},
	{name: "sp_server_info", q: "EXEC sp_server_info 1", want: `
# ATTRIBUTE_ID|ATTRIBUTE_NAME|ATTRIBUTE_VALUE
1|DBMS_NAME|Microsoft SQL Server
`},
	{name: "sp_table_privileges", q: "EXEC sp_table_privileges 'child'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|GRANTOR|GRANTEE|PRIVILEGE|IS_GRANTABLE
cp|dbo|child|dbo|dbo|DELETE|YES
cp|dbo|child|dbo|dbo|INSERT|YES
cp|dbo|child|dbo|dbo|REFERENCES|YES
cp|dbo|child|dbo|cpapp|SELECT|YES
cp|dbo|child|dbo|dbo|SELECT|YES
cp|dbo|child|dbo|dbo|UPDATE|YES
`},
	{name: "sp_column_privileges", q: "EXEC sp_column_privileges 'child', @column_name = 'p%'", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|GRANTOR|GRANTEE|PRIVILEGE|IS_GRANTABLE
cp|dbo|child|pcode|dbo|dbo|INSERT|YES
cp|dbo|child|pcode|dbo|dbo|REFERENCES|YES
cp|dbo|child|pcode|dbo|cpapp|SELECT|YES
cp|dbo|child|pcode|dbo|dbo|SELECT|YES
cp|dbo|child|pcode|dbo|dbo|UPDATE|YES
cp|dbo|child|pid|dbo|dbo|INSERT|YES
cp|dbo|child|pid|dbo|dbo|REFERENCES|YES
cp|dbo|child|pid|dbo|cpapp|SELECT|YES
cp|dbo|child|pid|dbo|dbo|SELECT|YES
cp|dbo|child|pid|dbo|dbo|UPDATE|YES
`},
	{name: "other database's procedure context", q: "EXEC cp2..sp_pkeys 'other'; EXEC cp2.dbo.sp_executesql N'SELECT DB_NAME() AS db'; SELECT DB_NAME() AS db", want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
cp2|dbo|other|k|1|pk_other
# db
cp2
# db
cp
`},
	{name: "app sees child only", q: "EXEC sp_pkeys 'parent'; EXEC sp_pkeys 'child'; EXEC sp_stored_procedures; EXEC sp_fkeys @pktable_name = 'parent'", asApp: true, want: `
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
# TABLE_QUALIFIER|TABLE_OWNER|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME
cp|dbo|child|cid|1|pk_child
# PROCEDURE_QUALIFIER|PROCEDURE_OWNER|PROCEDURE_NAME|NUM_INPUT_PARAMS|NUM_OUTPUT_PARAMS|NUM_RESULT_SETS|REMARKS|PROCEDURE_TYPE
# PKTABLE_QUALIFIER|PKTABLE_OWNER|PKTABLE_NAME|PKCOLUMN_NAME|FKTABLE_QUALIFIER|FKTABLE_OWNER|FKTABLE_NAME|FKCOLUMN_NAME|KEY_SEQ|UPDATE_RULE|DELETE_RULE|FK_NAME|PK_NAME|DEFERRABILITY
`},
}
