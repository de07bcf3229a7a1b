/*
 * odbc_catalog: calls the ODBC catalog functions an application or a tool
 * uses to read a schema (SQLPrimaryKeys, SQLForeignKeys, SQLStatistics,
 * SQLSpecialColumns, SQLProcedures, SQLProcedureColumns, SQLGetTypeInfo,
 * SQLTablePrivileges, SQLColumnPrivileges) through unixODBC and FreeTDS's
 * ODBC driver, as an ODBC 3 application, and prints every result set: the
 * column names the driver reports, then one line per row ('|' between
 * values, NULL for a null). FreeTDS turns the calls into RPCs of sp_pkeys,
 * sp_fkeys, sp_statistics, sp_special_columns, sp_stored_procedures,
 * sp_sproc_columns, sp_datatype_info_100, sp_table_privileges and
 * sp_column_privileges and renames some columns for ODBC 3, so the output
 * shows both the server's shapes and what the application sees.
 * TestFreeTDSODBCCatalog compares it with testdata/odbc_catalog.golden.
 * Usage: odbc_catalog "DRIVER=...;SERVER=...;PORT=...;UID=...;PWD=..." database
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sql.h>
#include <sqlext.h>

static SQLHENV env;
static SQLHDBC dbc;

static void fail(const char *what, SQLSMALLINT type, SQLHANDLE h)
{
	SQLCHAR state[6], msg[512];
	SQLINTEGER native;
	SQLSMALLINT len;
	printf("FAIL %s\n", what);
	for (SQLSMALLINT i = 1; SQLGetDiagRec(type, h, i, state, &native, msg, sizeof(msg), &len) == SQL_SUCCESS; i++)
		printf("  %s %d %s\n", state, (int) native, msg);
	exit(1);
}

#define CHECK(call, what, type, h) do { SQLRETURN rc_ = (call); \
	if (rc_ != SQL_SUCCESS && rc_ != SQL_SUCCESS_WITH_INFO) fail(what, type, h); } while (0)

static void direct(const char *sql)
{
	SQLHSTMT st;
	CHECK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), "alloc", SQL_HANDLE_DBC, dbc);
	SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *) sql, SQL_NTS);
	if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO && rc != SQL_NO_DATA)
		fail(sql, SQL_HANDLE_STMT, st);
	while (SQLMoreResults(st) == SQL_SUCCESS)
		;
	SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/* print_result prints the column names and rows of st's result, at most
 * max_rows rows (the rest are counted), and frees st. */
static void print_result(const char *label, SQLHSTMT st, SQLRETURN rc, int max_rows)
{
	SQLSMALLINT cols = 0;
	int rows = 0;

	if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
		fail(label, SQL_HANDLE_STMT, st);
	printf("== %s\n", label);
	CHECK(SQLNumResultCols(st, &cols), "SQLNumResultCols", SQL_HANDLE_STMT, st);
	for (SQLSMALLINT c = 1; c <= cols; c++) {
		SQLCHAR name[128];
		SQLSMALLINT len, type, digits, nullable;
		SQLULEN size;
		CHECK(SQLDescribeCol(st, c, name, sizeof(name), &len, &type, &size, &digits, &nullable), "SQLDescribeCol", SQL_HANDLE_STMT, st);
		printf("%s%s", c > 1 ? "|" : "", (char *) name);
	}
	printf("\n");
	while ((rc = SQLFetch(st)) != SQL_NO_DATA) {
		if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
			fail("SQLFetch", SQL_HANDLE_STMT, st);
		if (++rows > max_rows)
			continue;
		for (SQLSMALLINT c = 1; c <= cols; c++) {
			SQLCHAR buf[512];
			SQLLEN ind;
			CHECK(SQLGetData(st, c, SQL_C_CHAR, buf, sizeof(buf), &ind), "SQLGetData", SQL_HANDLE_STMT, st);
			printf("%s%s", c > 1 ? "|" : "", ind == SQL_NULL_DATA ? "NULL" : (char *) buf);
		}
		printf("\n");
	}
	if (rows > max_rows)
		printf("(%d rows)\n", rows);
	SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static SQLHSTMT stmt(void)
{
	SQLHSTMT st;
	CHECK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), "alloc", SQL_HANDLE_DBC, dbc);
	return st;
}

#define S(x) ((SQLCHAR *) (x))

int main(int argc, char **argv)
{
	char sql[512];
	SQLHSTMT st;

	if (argc != 3) {
		fprintf(stderr, "usage: %s connection-string database\n", argv[0]);
		return 2;
	}
	CHECK(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), "env", SQL_HANDLE_ENV, env);
	CHECK(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0), "odbc3", SQL_HANDLE_ENV, env);
	CHECK(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), "dbc", SQL_HANDLE_ENV, env);
	CHECK(SQLDriverConnect(dbc, NULL, S(argv[1]), SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT), "connect", SQL_HANDLE_DBC, dbc);

	snprintf(sql, sizeof(sql), "IF DB_ID('%s') IS NOT NULL DROP DATABASE [%s]", argv[2], argv[2]);
	direct(sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE [%s]", argv[2]);
	direct(sql);
	snprintf(sql, sizeof(sql), "USE [%s]", argv[2]);
	direct(sql);
	direct("CREATE TABLE dbo.parent (id int NOT NULL, code char(3) NOT NULL, name nvarchar(40) NULL, "
	       "CONSTRAINT pk_parent PRIMARY KEY (id, code))");
	direct("CREATE TABLE dbo.child (cid int IDENTITY NOT NULL CONSTRAINT pk_child PRIMARY KEY NONCLUSTERED, "
	       "pid int NULL, pcode char(3) NULL, amount decimal(9,2) NULL, at datetime2(3) NULL, ver rowversion, "
	       "CONSTRAINT fk_child_parent FOREIGN KEY (pid, pcode) REFERENCES dbo.parent (id, code) ON DELETE CASCADE, "
	       "CONSTRAINT ux_child_amount UNIQUE CLUSTERED (amount DESC, cid))");
	direct("CREATE INDEX ix_child_pid ON dbo.child (pid)");
	direct("INSERT dbo.parent VALUES (1, 'abc', N'one'), (2, 'def', NULL)");
	direct("INSERT dbo.child (pid, pcode, amount) VALUES (1, 'abc', 10.5)");
	direct("CREATE PROCEDURE dbo.get_child @cid int, @total decimal(9,2) OUTPUT, @since datetime = NULL AS SELECT 1");

	st = stmt();
	print_result("SQLPrimaryKeys parent", st, SQLPrimaryKeys(st, NULL, 0, S("dbo"), SQL_NTS, S("parent"), SQL_NTS), 100);
	st = stmt();
	print_result("SQLForeignKeys pk=parent", st,
		     SQLForeignKeys(st, NULL, 0, NULL, 0, S("parent"), SQL_NTS, NULL, 0, NULL, 0, NULL, 0), 100);
	st = stmt();
	print_result("SQLForeignKeys fk=child", st,
		     SQLForeignKeys(st, NULL, 0, NULL, 0, NULL, 0, NULL, 0, S("dbo"), SQL_NTS, S("child"), SQL_NTS), 100);
	st = stmt();
	print_result("SQLStatistics child ALL", st,
		     SQLStatistics(st, NULL, 0, S("dbo"), SQL_NTS, S("child"), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK), 100);
	st = stmt();
	print_result("SQLStatistics child UNIQUE", st,
		     SQLStatistics(st, NULL, 0, NULL, 0, S("child"), SQL_NTS, SQL_INDEX_UNIQUE, SQL_ENSURE), 100);
	st = stmt();
	print_result("SQLSpecialColumns child BEST_ROWID CURROW", st,
		     SQLSpecialColumns(st, SQL_BEST_ROWID, NULL, 0, S("dbo"), SQL_NTS, S("child"), SQL_NTS, SQL_SCOPE_CURROW, SQL_NULLABLE), 100);
	st = stmt();
	print_result("SQLSpecialColumns child BEST_ROWID TRANSACTION", st,
		     SQLSpecialColumns(st, SQL_BEST_ROWID, NULL, 0, S("dbo"), SQL_NTS, S("child"), SQL_NTS, SQL_SCOPE_TRANSACTION, SQL_NULLABLE), 100);
	st = stmt();
	print_result("SQLSpecialColumns child ROWVER", st,
		     SQLSpecialColumns(st, SQL_ROWVER, NULL, 0, NULL, 0, S("child"), SQL_NTS, SQL_SCOPE_CURROW, SQL_NULLABLE), 100);
	st = stmt();
	print_result("SQLProcedures", st, SQLProcedures(st, NULL, 0, NULL, 0, S("get%"), SQL_NTS), 100);
	st = stmt();
	print_result("SQLProcedureColumns get_child", st,
		     SQLProcedureColumns(st, NULL, 0, S("dbo"), SQL_NTS, S("get_child"), SQL_NTS, NULL, 0), 100);
	st = stmt();
	print_result("SQLGetTypeInfo SQL_INTEGER", st, SQLGetTypeInfo(st, SQL_INTEGER), 100);
	st = stmt();
	print_result("SQLGetTypeInfo SQL_TYPE_TIMESTAMP", st, SQLGetTypeInfo(st, SQL_TYPE_TIMESTAMP), 100);
	st = stmt();
	print_result("SQLGetTypeInfo SQL_ALL_TYPES", st, SQLGetTypeInfo(st, SQL_ALL_TYPES), 0);
	st = stmt();
	print_result("SQLTablePrivileges parent", st, SQLTablePrivileges(st, NULL, 0, NULL, 0, S("parent"), SQL_NTS), 100);
	st = stmt();
	print_result("SQLColumnPrivileges parent.c%", st,
		     SQLColumnPrivileges(st, NULL, 0, S("dbo"), SQL_NTS, S("parent"), SQL_NTS, S("c%"), SQL_NTS), 100);

	direct("USE master");
	/* With a catalog FreeTDS calls [catalog]..sp_stored_procedures, which
	 * runs in that database although the connection is in master. */
	st = stmt();
	print_result("SQLProcedures from master, catalog given", st,
		     SQLProcedures(st, S(argv[2]), SQL_NTS, NULL, 0, S("get%"), SQL_NTS), 100);
	snprintf(sql, sizeof(sql), "DROP DATABASE [%s]", argv[2]);
	direct(sql);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	printf("done\n");
	return 0;
}
