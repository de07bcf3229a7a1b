/*
 * odbc_scroll: drives API server cursors (sp_cursoropen, sp_cursorfetch,
 * sp_cursorclose) through unixODBC and FreeTDS's ODBC driver, as an
 * application does when it sets a scrollable cursor type. Prints one line
 * per step; TestFreeTDSODBCServerCursors compares them with the expected
 * lines. Usage: odbc_scroll "DRIVER=...;SERVER=...;PORT=...;UID=...;PWD=..."
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sql.h>
#include <sqlext.h>

#define ROWS 3

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
	SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static SQLHSTMT cursor_stmt(SQLULEN type, SQLULEN concurrency, SQLULEN *fetched)
{
	SQLHSTMT st;
	CHECK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), "alloc", SQL_HANDLE_DBC, dbc);
	CHECK(SQLSetStmtAttr(st, SQL_ATTR_CONCURRENCY, (SQLPOINTER) concurrency, 0), "concurrency", SQL_HANDLE_STMT, st);
	CHECK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER) type, 0), "cursor type", SQL_HANDLE_STMT, st);
	CHECK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER) ROWS, 0), "array size", SQL_HANDLE_STMT, st);
	CHECK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, fetched, 0), "fetched ptr", SQL_HANDLE_STMT, st);
	return st;
}

struct step { SQLSMALLINT orient; SQLLEN offset; const char *name; };

static void scroll(const char *label, SQLHSTMT st, SQLULEN *fetched, const struct step *steps, int n)
{
	SQLINTEGER num[ROWS];
	SQLCHAR text[ROWS][10];
	SQLLEN num_len[ROWS], text_len[ROWS];
	SQLSMALLINT cols = 0;

	CHECK(SQLNumResultCols(st, &cols), "SQLNumResultCols", SQL_HANDLE_STMT, st);
	printf("%s: %d columns\n", label, (int) cols);
	CHECK(SQLBindCol(st, 1, SQL_C_SLONG, num, 0, num_len), "bind 1", SQL_HANDLE_STMT, st);
	CHECK(SQLBindCol(st, 2, SQL_C_CHAR, text, sizeof(text[0]), text_len), "bind 2", SQL_HANDLE_STMT, st);
	for (int i = 0; i < n; i++) {
		SQLRETURN rc = SQLFetchScroll(st, steps[i].orient, steps[i].offset);
		printf("%s %s %d:", label, steps[i].name, (int) steps[i].offset);
		if (rc == SQL_NO_DATA) {
			printf(" no data\n");
			continue;
		}
		if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
			fail(steps[i].name, SQL_HANDLE_STMT, st);
		for (SQLULEN r = 0; r < *fetched; r++)
			printf(" %d%s", (int) num[r], (char *) text[r]);
		printf("\n");
	}
	CHECK(SQLCloseCursor(st), "close", SQL_HANDLE_STMT, st);
}

int main(int argc, char **argv)
{
	static const struct step steps[] = {
		{SQL_FETCH_NEXT, 0, "NEXT"}, {SQL_FETCH_NEXT, 0, "NEXT"}, {SQL_FETCH_PRIOR, 0, "PRIOR"},
		{SQL_FETCH_NEXT, 0, "NEXT"}, {SQL_FETCH_NEXT, 0, "NEXT"}, {SQL_FETCH_FIRST, 0, "FIRST"},
		{SQL_FETCH_ABSOLUTE, 3, "ABSOLUTE"}, {SQL_FETCH_RELATIVE, 1, "RELATIVE"}, {SQL_FETCH_LAST, 0, "LAST"},
		{SQL_FETCH_ABSOLUTE, -2, "ABSOLUTE"},
	};
	SQLULEN fetched = 0;
	SQLHSTMT st;
	SQLLEN count = -2;
	SQLINTEGER above = 3;

	if (argc != 2) {
		fprintf(stderr, "usage: odbc_scroll CONNECTION-STRING\n");
		return 2;
	}
	SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
	SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
	SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
	CHECK(SQLDriverConnect(dbc, NULL, (SQLCHAR *) argv[1], SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT),
	      "connect", SQL_HANDLE_DBC, dbc);

	direct("CREATE TABLE #t (i int NOT NULL PRIMARY KEY, c varchar(6) NULL)");
	direct("INSERT INTO #t (i, c) VALUES (1, 'a'), (2, 'bb'), (3, 'ccc'), (4, 'dddd'), (5, 'eeeee')");

	st = cursor_stmt(SQL_CURSOR_STATIC, SQL_CONCUR_READ_ONLY, &fetched);
	CHECK(SQLExecDirect(st, (SQLCHAR *) "SELECT i, c FROM #t ORDER BY i", SQL_NTS), "static select", SQL_HANDLE_STMT, st);
	scroll("static", st, &fetched, steps, sizeof(steps) / sizeof(steps[0]));

	/* Not a SELECT: SQL Server runs it directly (16954), no cursor. */
	CHECK(SQLExecDirect(st, (SQLCHAR *) "INSERT INTO #t (i, c) VALUES (6, 'ffffff')", SQL_NTS), "insert", SQL_HANDLE_STMT, st);
	CHECK(SQLRowCount(st, &count), "row count", SQL_HANDLE_STMT, st);
	printf("insert through a cursor statement: %d row\n", (int) count);
	SQLFreeHandle(SQL_HANDLE_STMT, st);

	/* FreeTDS's own scroll test asks for a dynamic cursor with row versioning. */
	st = cursor_stmt(SQL_CURSOR_DYNAMIC, SQL_CONCUR_ROWVER, &fetched);
	CHECK(SQLExecDirect(st, (SQLCHAR *) "SELECT i, c FROM #t ORDER BY i", SQL_NTS), "dynamic select", SQL_HANDLE_STMT, st);
	scroll("dynamic", st, &fetched, steps, 6);
	SQLFreeHandle(SQL_HANDLE_STMT, st);

	/* A parameter: sp_cursoropen with PARAMETERIZED_STMT. */
	st = cursor_stmt(SQL_CURSOR_KEYSET_DRIVEN, SQL_CONCUR_READ_ONLY, &fetched);
	CHECK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &above, 0, NULL), "bind param", SQL_HANDLE_STMT, st);
	CHECK(SQLExecDirect(st, (SQLCHAR *) "SELECT i, c FROM #t WHERE i > ? ORDER BY i", SQL_NTS), "param select", SQL_HANDLE_STMT, st);
	scroll("param", st, &fetched, steps + 5, 4);
	SQLFreeHandle(SQL_HANDLE_STMT, st);

	SQLDisconnect(dbc);
	printf("done\n");
	return 0;
}
