import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Drives mirrorsql through jTDS (Debian's libjtds-java) the way a Java
 * application does and prints one line per check; tests/clients/jdbc_test.go
 * compares the output with jtds_&lt;variant&gt;.golden.
 *
 * Arguments: host port password table-prefix [extra URL properties, e.g. ";tds=8.0;ssl=require"].
 */
public class JtdsCheck {
    static Connection conn;
    static String prefix;

    public static void main(String[] args) throws Exception {
        String url = "jdbc:jtds:sqlserver://" + args[0] + ":" + args[1] + "/master;user=sa;password=" + args[2]
                + ";appName=jtdscheck" + (args.length > 4 ? args[4] : "");
        prefix = args[3];
        Class.forName("net.sourceforge.jtds.jdbc.Driver");
        conn = DriverManager.getConnection(url);
        cleanup(); // leftovers of an interrupted run
        try {
            connectionInfo();
            types();
            parameters();
            nulls();
            multipleResults();
            procedure();
            transactions();
            errors();
            metadata();
            timeout();
        } finally {
            cleanup();
            conn.close();
        }
        System.out.println("done");
    }

    interface Body {
        void run() throws SQLException;
    }

    static void step(String section, Body body) {
        try {
            body.run();
        } catch (SQLException e) {
            System.out.println(section + ": FAILED " + describe(e));
        }
    }

    static String describe(SQLException e) {
        return "SQLException " + e.getErrorCode() + " state " + e.getSQLState() + ": " + e.getMessage();
    }

    static void exec(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    /** printRows prints every row of rs, columns as "name=class:value". */
    static void printRows(String label, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            StringBuilder b = new StringBuilder(label);
            for (int i = 1; i <= md.getColumnCount(); i++) {
                b.append(i == 1 ? ": " : " | ").append(md.getColumnName(i)).append('=').append(value(rs, i));
            }
            System.out.println(b);
        }
    }

    static String value(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) {
            return "NULL" + (rs.wasNull() ? "" : "(wasNull false!)");
        }
        String s;
        if (o instanceof byte[]) {
            StringBuilder h = new StringBuilder("0x");
            for (byte x : (byte[]) o) {
                h.append(String.format("%02X", x));
            }
            s = h.toString();
        } else if (o instanceof java.sql.Clob) {
            java.sql.Clob c = (java.sql.Clob) o;
            s = c.getSubString(1, (int) c.length());
        } else if (o instanceof java.sql.Blob) {
            java.sql.Blob c = (java.sql.Blob) o;
            s = "blob(" + c.length() + ")";
        } else {
            s = o.toString();
        }
        return o.getClass().getSimpleName() + ":" + s;
    }

    static void connectionInfo() {
        step("connection", () -> {
            DatabaseMetaData md = conn.getMetaData();
            System.out.println("product: " + md.getDatabaseProductName() + " major " + md.getDatabaseMajorVersion());
            System.out.println("catalog: " + conn.getCatalog() + " autocommit " + conn.getAutoCommit()
                    + " isolation " + conn.getTransactionIsolation());
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT @@SERVERNAME AS server, DB_NAME() AS db, SUSER_SNAME() AS login")) {
                printRows("session", rs);
            }
        });
    }

    /** typesSelect is the SELECT of testdata/types_columns.sql's columns, one a line, shared with the PHP and Perl programs. */
    static String typesSelect() {
        try {
            java.util.List<String> cols = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("testdata", "types_columns.sql"))) {
                if (!line.isBlank()) {
                    cols.add(line.strip());
                }
            }
            return "SELECT " + String.join(", ", cols);
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void types() {
        step("types", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(typesSelect())) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    System.out.println("column " + md.getColumnName(i) + ": " + md.getColumnTypeName(i)
                            + " jdbc " + md.getColumnType(i) + " precision " + md.getPrecision(i)
                            + " scale " + md.getScale(i) + " nullable " + md.isNullable(i));
                }
                rs.next();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = value(rs, i);
                    if (v.length() > 60) {
                        v = v.substring(0, 40) + "... (" + v.length() + " chars)";
                    }
                    System.out.println("value " + md.getColumnName(i) + ": " + v + " string " + abbreviate(rs.getString(i)));
                }
            }
        });
    }

    static String abbreviate(String s) {
        return s != null && s.length() > 40 ? s.substring(0, 20) + "...(" + s.length() + ")" : s;
    }

    static final String TABLE_COLUMNS = "id int CONSTRAINT PK_%s_types PRIMARY KEY, c_bit bit, c_tinyint tinyint, c_smallint smallint,"
            + " c_int int, c_bigint bigint, c_decimal decimal(10,3), c_numeric numeric(20,5), c_money money,"
            + " c_smallmoney smallmoney, c_real real, c_float float, c_char char(4), c_varchar varchar(20),"
            + " c_nchar nchar(3), c_nvarchar nvarchar(20), c_varcharmax varchar(max), c_nvarcharmax nvarchar(max),"
            + " c_binary binary(3), c_varbinary varbinary(10), c_varbinarymax varbinary(max), c_date date,"
            + " c_time time(3), c_datetime datetime, c_datetime2 datetime2(3), c_smalldatetime smalldatetime,"
            + " c_datetimeoffset datetimeoffset(3), c_uniqueidentifier uniqueidentifier";

    /** parameters inserts a row through a PreparedStatement with one parameter per type, then reads it back. */
    static void parameters() {
        step("parameters", () -> {
            exec("CREATE TABLE " + prefix + "_types (" + String.format(TABLE_COLUMNS, prefix) + ")");
            String sql = "INSERT INTO " + prefix + "_types VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                ps.setInt(i++, 1);
                ps.setBoolean(i++, true);
                ps.setByte(i++, (byte) 100);
                ps.setShort(i++, (short) -300);
                ps.setInt(i++, -70000);
                ps.setLong(i++, 9000000000L);
                ps.setBigDecimal(i++, new BigDecimal("-1234567.891"));
                ps.setBigDecimal(i++, new BigDecimal("123456789012345.12345"));
                ps.setBigDecimal(i++, new BigDecimal("12.3456"));
                ps.setBigDecimal(i++, new BigDecimal("-1.5"));
                ps.setFloat(i++, 0.25f);
                ps.setDouble(i++, 1e-300);
                ps.setString(i++, "cd");
                ps.setString(i++, "plain");
                ps.setString(i++, "\u00fcb");
                ps.setString(i++, "\u65e5\u672c\u8a9e");
                ps.setString(i++, repeat('y', 10000));
                ps.setString(i++, "\u00e9" + repeat('z', 5000));
                ps.setBytes(i++, new byte[] {7, 8, 9});
                ps.setBytes(i++, new byte[] {(byte) 0xAB});
                ps.setBytes(i++, new byte[9000]);
                ps.setDate(i++, java.sql.Date.valueOf("1999-12-31"));
                ps.setTime(i++, java.sql.Time.valueOf("23:59:58"));
                ps.setTimestamp(i++, java.sql.Timestamp.valueOf("2001-02-03 04:05:06.007"));
                ps.setTimestamp(i++, java.sql.Timestamp.valueOf("2001-02-03 04:05:06.123"));
                ps.setTimestamp(i++, java.sql.Timestamp.valueOf("2001-02-03 04:05:00"));
                ps.setString(i++, "2001-02-03 04:05:06.123 -08:00");
                ps.setString(i++, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
                System.out.println("insert count " + ps.executeUpdate());
            }
            String read = "SELECT id, c_bit, c_tinyint, c_smallint, c_int, c_bigint, c_decimal, c_numeric, c_money,"
                    + " c_smallmoney, c_real, c_float, c_char, c_varchar, c_nchar, c_nvarchar, LEN(c_varcharmax) AS len_varcharmax,"
                    + " LEFT(c_nvarcharmax, 3) AS left_nvarcharmax, LEN(c_nvarcharmax) AS len_nvarcharmax, c_binary, c_varbinary,"
                    + " DATALENGTH(c_varbinarymax) AS len_varbinarymax, c_date, c_time, c_datetime, c_datetime2,"
                    + " c_smalldatetime, c_datetimeoffset, c_uniqueidentifier FROM " + prefix + "_types WHERE id = ?";
            try (PreparedStatement ps = conn.prepareStatement(read)) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    rs.next();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        System.out.println("param " + md.getColumnName(i) + ": " + value(rs, i));
                    }
                }
            }
            // The same statement again: jTDS reuses its prepared handle.
            try (PreparedStatement ps = conn.prepareStatement("SELECT c_int + ? AS sum FROM " + prefix + "_types WHERE id = ?")) {
                for (int k = 1; k <= 2; k++) {
                    ps.setInt(1, k);
                    ps.setInt(2, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        printRows("reuse " + k, rs);
                    }
                }
            }
            // A batch of parameter sets.
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + prefix + "_types (id, c_varchar) VALUES (?, ?)")) {
                for (int k = 10; k < 13; k++) {
                    ps.setInt(1, k);
                    ps.setString(2, "batch" + k);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                System.out.println("batch counts " + java.util.Arrays.toString(counts));
            }
        });
    }

    static String repeat(char c, int n) {
        char[] a = new char[n];
        java.util.Arrays.fill(a, c);
        return new String(a);
    }

    static void nulls() {
        step("nulls", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + prefix + "_types (id, c_int, c_varchar, c_nvarchar,"
                    + " c_varbinary, c_datetime, c_decimal, c_bit, c_date, c_uniqueidentifier) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setInt(1, 2);
                ps.setNull(2, Types.INTEGER);
                ps.setNull(3, Types.VARCHAR);
                ps.setString(4, null);
                ps.setNull(5, Types.VARBINARY);
                ps.setNull(6, Types.TIMESTAMP);
                ps.setNull(7, Types.DECIMAL);
                ps.setNull(8, Types.BIT);
                ps.setNull(9, Types.DATE);
                ps.setNull(10, Types.CHAR);
                ps.executeUpdate();
            }
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + prefix + "_types WHERE id = 2")) {
                ResultSetMetaData md = rs.getMetaData();
                rs.next();
                StringBuilder b = new StringBuilder("null row:");
                for (int i = 2; i <= md.getColumnCount(); i++) {
                    rs.getObject(i);
                    b.append(rs.wasNull() ? " N" : " " + md.getColumnName(i) + "!");
                }
                System.out.println(b);
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) AS n FROM " + prefix + "_types WHERE c_int IS NULL AND ? IS NULL")) {
                ps.setNull(1, Types.INTEGER);
                try (ResultSet rs = ps.executeQuery()) {
                    printRows("null param", rs);
                }
            }
        });
    }

    static void multipleResults() {
        step("multiple results", () -> {
            try (Statement st = conn.createStatement()) {
                boolean isResult = st.execute("SELECT 1 AS one; SELECT 'a' AS x, 'b' AS y UNION ALL SELECT 'c', 'd' ORDER BY x;"
                        + " UPDATE " + prefix + "_types SET c_varchar = 'upd' WHERE id >= 10; PRINT 'printed'; SELECT 3 AS three");
                for (int n = 1; n < 10; n++) {
                    if (isResult) {
                        try (ResultSet rs = st.getResultSet()) {
                            printRows("result " + n, rs);
                        }
                    } else {
                        int count = st.getUpdateCount();
                        if (count == -1) {
                            break;
                        }
                        System.out.println("result " + n + ": update count " + count);
                    }
                    isResult = st.getMoreResults();
                }
                for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    System.out.println("warning " + w.getErrorCode() + ": " + w.getMessage());
                }
            }
        });
    }

    static void procedure() {
        step("procedure", () -> {
            exec("CREATE PROCEDURE " + prefix + "_proc @a int, @b varchar(20) OUTPUT, @c decimal(10,2) OUTPUT, @d datetime OUTPUT AS"
                    + " BEGIN SELECT @a AS a_in, @b AS b_in; SET @b = @b + '!'; SET @c = @a * 1.5; SET @d = '2020-01-02T03:04:05';"
                    + " RETURN @a + 1 END");
            try (CallableStatement cs = conn.prepareCall("{? = call " + prefix + "_proc(?, ?, ?, ?)}")) {
                cs.registerOutParameter(1, Types.INTEGER);
                cs.setInt(2, 41);
                cs.setString(3, "in");
                cs.registerOutParameter(3, Types.VARCHAR);
                cs.registerOutParameter(4, Types.DECIMAL, 2);
                cs.registerOutParameter(5, Types.TIMESTAMP);
                boolean isResult = cs.execute();
                while (true) {
                    if (isResult) {
                        try (ResultSet rs = cs.getResultSet()) {
                            printRows("proc result", rs);
                        }
                    } else if (cs.getUpdateCount() == -1) {
                        break;
                    }
                    isResult = cs.getMoreResults();
                }
                System.out.println("proc return " + cs.getInt(1) + " b " + cs.getString(3) + " c " + cs.getBigDecimal(4)
                        + " d " + cs.getTimestamp(5));
            }
            // EXEC in a plain statement: the return status and output values stay in the batch.
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SET NOCOUNT ON; DECLARE @r int, @b varchar(20) = 'x', @c decimal(10,2), @d datetime;"
                         + " EXEC @r = " + prefix + "_proc 1, @b OUTPUT, @c OUTPUT, @d OUTPUT; SELECT @r AS r, @b AS b, @c AS c")) {
                printRows("exec batch", rs);
            } catch (SQLException e) {
                System.out.println("exec batch: " + describe(e));
            }
        });
    }

    static void transactions() {
        step("transactions", () -> {
            exec("CREATE TABLE " + prefix + "_tx (id int)");
            conn.setAutoCommit(false);
            exec("INSERT INTO " + prefix + "_tx VALUES (1)");
            System.out.println("trancount in transaction " + scalar("SELECT @@TRANCOUNT"));
            conn.commit();
            exec("INSERT INTO " + prefix + "_tx VALUES (2)");
            conn.rollback();
            conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            System.out.println("isolation " + scalar("SELECT transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID"));
            conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + prefix + "_tx VALUES (?)")) {
                ps.setInt(1, 3);
                ps.executeUpdate();
            }
            java.sql.Savepoint sp = conn.setSavepoint("sp1");
            exec("INSERT INTO " + prefix + "_tx VALUES (4)");
            conn.rollback(sp);
            conn.commit();
            conn.setAutoCommit(true);
            System.out.println("trancount after " + scalar("SELECT @@TRANCOUNT"));
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + prefix + "_tx ORDER BY id")) {
                printRows("tx rows", rs);
            }
        });
    }

    static String scalar(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void errors() {
        String[] statements = {
            "SELECT * FROM " + prefix + "_missing",
            "SELECT 1/0",
            "INSERT INTO " + prefix + "_types (id) VALUES (1)",
            "RAISERROR('custom %d', 16, 3, 42)",
            "SELEC 1",
        };
        for (String sql : statements) {
            try (Statement st = conn.createStatement()) {
                st.execute(sql);
                while (st.getMoreResults() || st.getUpdateCount() != -1) {
                }
                System.out.println("error: none for " + sql);
            } catch (SQLException e) {
                System.out.println("error: " + describe(e));
            }
        }
        step("after errors", () -> System.out.println("after errors " + scalar("SELECT 'still usable'")));
    }

    static void metadata() {
        step("metadata", () -> {
            DatabaseMetaData md = conn.getMetaData();
            try (ResultSet rs = md.getTables("master", "dbo", prefix + "_t%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    System.out.println("table " + rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_SCHEM") + "."
                            + rs.getString("TABLE_NAME") + " " + rs.getString("TABLE_TYPE"));
                }
            }
            try (ResultSet rs = md.getColumns("master", "dbo", prefix + "_types", "c_%e%")) {
                while (rs.next()) {
                    System.out.println("column " + rs.getString("COLUMN_NAME") + " type " + rs.getInt("DATA_TYPE") + " "
                            + rs.getString("TYPE_NAME") + " size " + rs.getInt("COLUMN_SIZE") + " digits "
                            + rs.getString("DECIMAL_DIGITS") + " nullable " + rs.getString("IS_NULLABLE")
                            + " position " + rs.getInt("ORDINAL_POSITION"));
                }
            }
            try (ResultSet rs = md.getPrimaryKeys("master", "dbo", prefix + "_types")) {
                while (rs.next()) {
                    System.out.println("primary key " + rs.getString("COLUMN_NAME") + " seq " + rs.getInt("KEY_SEQ"));
                }
            }
            try (ResultSet rs = md.getProcedures("master", "dbo", prefix + "_proc%")) {
                while (rs.next()) {
                    System.out.println("procedure " + rs.getString("PROCEDURE_NAME"));
                }
            }
            try (ResultSet rs = md.getProcedureColumns("master", "dbo", prefix + "_proc%", null)) {
                while (rs.next()) {
                    System.out.println("procedure column " + rs.getString("COLUMN_NAME") + " kind " + rs.getInt("COLUMN_TYPE")
                            + " type " + rs.getString("TYPE_NAME"));
                }
            }
            int catalogs = 0;
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("master")) {
                        catalogs++;
                    }
                }
            }
            System.out.println("catalogs include master " + (catalogs == 1));
            try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("dbo")) {
                        System.out.println("schema dbo");
                    }
                }
            }
        });
    }

    static void timeout() {
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout(1);
            st.execute("WAITFOR DELAY '00:00:30'; SELECT 1");
            System.out.println("timeout: none");
        } catch (SQLException e) {
            System.out.println("timeout: " + describe(e));
        }
        step("after timeout", () -> System.out.println("after timeout " + scalar("SELECT 'still usable'")));
        // Statement.cancel from another thread sends an Attention; it is
        // repeated until the statement ends, so a slow start cannot miss it.
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        try (Statement st = conn.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    while (!finished.get()) {
                        Thread.sleep(300);
                        st.cancel();
                    }
                } catch (Exception e) {
                    System.out.println("cancel: " + e);
                }
            });
            canceller.start();
            try {
                st.execute("WAITFOR DELAY '00:00:30'");
                System.out.println("cancel: none");
            } catch (SQLException e) {
                System.out.println("cancel: " + describe(e));
            } finally {
                finished.set(true);
                canceller.join();
            }
        } catch (SQLException e) {
            System.out.println("cancel: " + describe(e));
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
        step("after cancel", () -> System.out.println("after cancel " + scalar("SELECT 'still usable'")));
    }

    static void cleanup() {
        for (String sql : new String[] {"DROP PROCEDURE " + prefix + "_proc", "DROP TABLE " + prefix + "_types", "DROP TABLE " + prefix + "_tx"}) {
            try {
                exec(sql);
            } catch (SQLException e) {
                // absent when a step failed before creating it
            }
        }
    }
}
