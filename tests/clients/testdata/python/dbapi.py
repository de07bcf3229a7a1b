"""DB-API 2.0 basics against mirrorsql through one Python driver.

Usage: dbapi.py pymssql|pyodbc  (connection from MIRRORSQL_HOST, _PORT,
_PASSWORD, and for pyodbc MIRRORSQL_ODBC_DRIVER). Prints one line per
check; the Go test compares the output with a golden file, so the output is
deterministic: no times, no ids that vary between runs.
"""
import datetime
import decimal
import os
import sys
import uuid

DRIVER = sys.argv[1]
HOST = os.environ["MIRRORSQL_HOST"]
PORT = os.environ["MIRRORSQL_PORT"]
PASSWORD = os.environ["MIRRORSQL_PASSWORD"]
T = "py_" + DRIVER  # table prefix, unique per driver

if DRIVER == "pymssql":
    import pymssql as db

    P = "%s"

    def connect(autocommit=False):
        return db.connect(server=HOST, port=PORT, user="sa", password=PASSWORD,
                          database="master", autocommit=autocommit)
else:
    import pyodbc as db

    P = "?"

    def connect(autocommit=False):
        return db.connect("DRIVER=" + os.environ["MIRRORSQL_ODBC_DRIVER"] + ";SERVER=" + HOST +
                          ";PORT=" + PORT + ";UID=sa;PWD=" + PASSWORD +
                          ";DATABASE=master;TDS_Version=7.4;ClientCharset=UTF-8",
                          autocommit=autocommit)


def datetimeoffset(raw):
    # pyodbc has no converter for SQL_SS_TIMESTAMPOFFSET (-155); applications
    # register this one (pyodbc wiki), decoding the ODBC struct.
    import struct
    y, mo, d, h, mi, s, ns, th, tm = struct.unpack("<6hI2h", raw)
    tz = datetime.timezone(datetime.timedelta(hours=th, minutes=tm))
    return datetime.datetime(y, mo, d, h, mi, s, ns // 1000, tz)


def q(sql):
    return sql.replace("?", P)


def show(label, value):
    print(label + ": " + repr(value))


def error_number(e):
    """SQL Server's message number as the driver reports it."""
    if DRIVER == "pymssql":
        return e.args[0] if e.args and isinstance(e.args[0], int) else None
    # pyodbc: ('23000', '[23000] [FreeTDS][SQL Server]Violation ... (2627) (SQLExecDirectW)')
    import re
    m = re.search(r"\((\d+)\) \(SQL", e.args[1]) if len(e.args) > 1 else None
    return int(m.group(1)) if m else None


def drop(cur, *names):
    for n in names:
        cur.execute("IF OBJECT_ID('" + n + "') IS NOT NULL DROP TABLE " + n)


def main():
    conn = connect()
    if DRIVER == "pyodbc":
        conn.add_output_converter(-155, datetimeoffset)
    cur = conn.cursor()
    drop(cur, T + "_t", T + "_types", T + "_child", T + "_parent")
    conn.commit()

    # --- autocommit off: rollback undoes, commit keeps
    cur.execute("CREATE TABLE " + T + "_t (id int PRIMARY KEY, name nvarchar(20))")
    conn.commit()
    cur.execute(q("INSERT INTO " + T + "_t VALUES (?, ?)"), (1, "one"))
    show("insert rowcount", cur.rowcount)
    conn.rollback()
    cur.execute("SELECT COUNT(*) FROM " + T + "_t")
    show("after rollback", cur.fetchone()[0])
    cur.executemany(q("INSERT INTO " + T + "_t VALUES (?, ?)"), [(1, "one"), (2, "two"), (3, "three")])
    conn.commit()
    cur.execute("SELECT id, name FROM " + T + "_t ORDER BY id")
    show("after executemany+commit", [tuple(r) for r in cur.fetchall()])
    cur.execute(q("UPDATE " + T + "_t SET name = name + ? WHERE id >= ?"), ("!", 2))
    show("update rowcount", cur.rowcount)
    conn.commit()

    # --- autocommit on: visible from a second connection without commit
    ac = connect(autocommit=True)
    acur = ac.cursor()
    acur.execute(q("INSERT INTO " + T + "_t VALUES (?, ?)"), (4, "four"))
    acur.execute("SELECT @@TRANCOUNT")
    show("autocommit trancount", acur.fetchone()[0])
    cur.execute("SELECT COUNT(*) FROM " + T + "_t")
    show("seen by other connection", cur.fetchone()[0])
    conn.commit()
    ac.close()

    # --- every type round-trips as a parameter and comes back as Python's type
    cur.execute("CREATE TABLE " + T + "_types (id int PRIMARY KEY, d decimal(18,4), m money, "
                "dt2 datetime2(7), dto datetimeoffset(7), dd date, tm time(7), u uniqueidentifier, "
                "vb varbinary(max), nv nvarchar(max), b bit, i bigint, f float, dt datetime)")
    conn.commit()
    row = (1, decimal.Decimal("12345.6789"), decimal.Decimal("-922337203685477.5808"),
           datetime.datetime(2024, 2, 29, 23, 59, 58, 123456),
           datetime.date(2024, 1, 2), datetime.time(13, 14, 15, 500000),
           uuid.UUID("6F9619FF-8B86-D011-B42D-00C04FC964FF"),
           bytes(range(256)) * 40, "h\u00e9llo \u4e16\u754c \U0001F600 " * 300, True,
           9007199254740993, 1.5, datetime.datetime(2001, 2, 3, 4, 5, 6, 7000))
    ins = q("INSERT INTO " + T + "_types (id, d, m, dt2, dd, tm, u, vb, nv, b, i, f, dt) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
    params = list(row)
    if DRIVER == "pymssql":
        params[5] = params[5].isoformat()  # pymssql 2.2 cannot quote datetime.time
    cur.execute(ins, tuple(params))
    cur.execute(q("INSERT INTO " + T + "_types (id, d, m, dt2, dd, tm, u, vb, nv, b, i, f, dt) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"), (2,) + (None,) * 12)
    cur.execute("UPDATE " + T + "_types SET dto = '2024-05-06 07:08:09.1234567 +05:30' WHERE id = 1")
    conn.commit()
    cur.execute("SELECT CONVERT(varchar(40), tm), CONVERT(varchar(40), dt2), CONVERT(varchar(40), dt, 121), "
                "CONVERT(varchar(40), dto) "
                "FROM " + T + "_types WHERE id = 1")
    show("stored time, datetime2, datetime, datetimeoffset", tuple(cur.fetchone()))
    cur.execute("SELECT * FROM " + T + "_types ORDER BY id")
    got = cur.fetchone()
    names = [d[0] for d in cur.description]
    for n, v in zip(names, got):
        if n == "dto" and isinstance(v, bytes):
            show("type " + n, "bytes")  # pymssql 2.2.2 has no datetimeoffset conversion
        elif n in ("vb", "nv"):
            show("type " + n, (type(v).__name__, len(v), v[:8]))
        else:
            show("type " + n, v)
    show("vb equal", bytes(got[names.index("vb")]) == row[7])
    show("nv equal", got[names.index("nv")] == row[8])
    show("nulls", tuple(cur.fetchone()))
    show("description", [(d[0], d[1] if isinstance(d[1], int) else getattr(d[1], "__name__", d[1]))
                         for d in cur.description])
    # A parameter compared on the server side, not only stored
    cur.execute(q("SELECT id FROM " + T + "_types WHERE d = ? AND u = ? AND dd = ?"),
                (decimal.Decimal("12345.6789"), str(row[6]), datetime.date(2024, 1, 2)))
    show("where by params", [tuple(r) for r in cur.fetchall()])

    # --- several result sets
    cur.execute("SELECT 1 AS a; SELECT 'x' AS b, 2 AS c UNION ALL SELECT 'y', 3; "
                "SELECT name FROM " + T + "_t WHERE id = 99")
    sets = [cur.fetchall()]
    while cur.nextset():
        sets.append(cur.fetchall())
    show("nextset", [[tuple(r) for r in s] for s in sets])

    # --- errors: class and SQL Server's number
    for label, sql in [("duplicate key", q("INSERT INTO " + T + "_t VALUES (1, 'dup')")),
                       ("missing table", "SELECT * FROM " + T + "_no_such_table"),
                       ("syntax", "SELECT * FROM WHERE"),
                       ("divide by zero", "SELECT 1/0")]:
        try:
            cur.execute(sql)
            cur.fetchall()
            show(label, "no error")
        except db.Error as e:
            show(label, (type(e).__name__, error_number(e)))
        conn.rollback()

    # --- stored procedures: OUTPUT parameters and return status, and a result set
    for name in ("_out", "_rows"):
        cur.execute("IF OBJECT_ID('" + T + name + "') IS NOT NULL DROP PROCEDURE " + T + name)
    cur.execute("CREATE PROCEDURE " + T + "_out @a int, @b nvarchar(20), @sum int OUTPUT, "
                "@echo nvarchar(40) OUTPUT AS BEGIN SET NOCOUNT ON; "
                "SET @sum = @a + 10; SET @echo = @b + N'!'; RETURN 7 END")
    cur.execute("CREATE PROCEDURE " + T + "_rows @a int AS "
                "SELECT id, name FROM " + T + "_t WHERE id <= @a ORDER BY id")
    conn.commit()
    if DRIVER == "pymssql":
        # DB-Library reads output parameters after the last result set, and
        # pymssql reads them right after the call: the procedure with OUTPUT
        # parameters returns no rows (as pymssql's documentation advises).
        out = cur.callproc(T + "_out", (2, "hi", db.output(int), db.output(str)))
        show("callproc outputs", tuple(out))
        show("callproc return status", cur.returnvalue)
        cur.callproc(T + "_rows", (2,))
        cur.nextset()  # pymssql's callproc leaves the first result set unread (pymssql #134)
        show("callproc rows", [tuple(r) for r in cur.fetchall()])
    else:
        cur.execute("DECLARE @s int, @e nvarchar(40), @r int; "
                    "EXEC @r = " + T + "_out ?, ?, @s OUTPUT, @e OUTPUT; SELECT @s, @e, @r",
                    (2, "hi"))
        show("proc outputs via batch", [tuple(r) for r in cur.fetchall()])
        cur.execute("{CALL " + T + "_rows (?)}", (2,))
        show("odbc call rows", [tuple(r) for r in cur.fetchall()])
    cur.execute("EXEC " + T + "_rows 3")
    show("exec rows", [tuple(r) for r in cur.fetchall()])

    conn.close()
    print("done")


main()
