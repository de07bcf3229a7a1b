<?php
// Drives mirrorsql through PHP's PDO_DBLIB (FreeTDS DB-Library) as a PHP
// application does and prints one line per check; tests/clients/php_perl_test.go
// compares the output with pdo_dblib_<variant>.golden.
//
// Environment: MIRRORSQL_DSN (a PDO dblib DSN), MIRRORSQL_PASSWORD, MIRRORSQL_PREFIX.
$prefix = getenv('MIRRORSQL_PREFIX');
$db = new PDO(getenv('MIRRORSQL_DSN'), 'sa', getenv('MIRRORSQL_PASSWORD'));
$db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);

function show($v) {
    if ($v === null) return 'NULL';
    if (is_string($v) && (!preg_match('//u', $v) || preg_match('/[\x00-\x1F]/', $v))) return '0x' . strtoupper(bin2hex($v));
    if (is_string($v) && strlen($v) > 40) return substr($v, 0, 20) . '...(' . strlen($v) . ')';
    return gettype($v) . ':' . $v;
}
function rows($label, $st) {
    while (($r = $st->fetch(PDO::FETCH_ASSOC)) !== false) {
        $parts = [];
        foreach ($r as $k => $v) $parts[] = "$k=" . show($v);
        echo "$label: " . implode(' | ', $parts) . "\n";
    }
}
function failed($label, $e) {
    $i = $e->errorInfo;
    echo "$label: SQLSTATE " . $i[0] . " code " . $i[1] . " message " . trim(preg_replace('/\s+/', ' ', $i[2])) .
        (isset($i[3]) ? " severity " . $i[3] : "") . "\n";
}

// Leftovers of an interrupted run.
$db->exec("DROP PROCEDURE IF EXISTS {$prefix}_proc; DROP TABLE IF EXISTS {$prefix}_types; DROP TABLE IF EXISTS {$prefix}_tx");

// Connection.
rows('session', $db->query("SELECT @@SERVERNAME AS server, DB_NAME() AS db, SUSER_SNAME() AS login, " .
    "(SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID) AS encrypted"));

// Every type in a result.
// One column per line of testdata/types_columns.sql, shared with the Java and Perl programs.
$types = "SELECT " . implode(", ", file(__DIR__ . "/../types_columns.sql", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES));
$st = $db->query($types);
$n = $st->columnCount();
for ($i = 0; $i < $n; $i++) {
    $m = $st->getColumnMeta($i);
    echo "column " . $m['name'] . ": native " . $m['native_type'] . " len " . $m['len'] . "\n";
}
foreach ($st->fetch(PDO::FETCH_ASSOC) as $k => $v) echo "value $k: " . show($v) . "\n";

// Parameters: PDO_DBLIB substitutes them into the text as literals.
// A DB-Library session has ANSI_NULL_DFLT_ON OFF, as on SQL Server: NULL is spelt out.
$db->exec("CREATE TABLE {$prefix}_types (id int CONSTRAINT PK_{$prefix}_types PRIMARY KEY, c_int int NULL, c_bigint bigint NULL," .
    " c_decimal decimal(10,3) NULL, c_float float NULL, c_varchar varchar(20) NULL, c_nvarchar nvarchar(20) NULL," .
    " c_nvarcharmax nvarchar(max) NULL, c_varbinary varbinary(10) NULL, c_date date NULL, c_datetime datetime NULL," .
    " c_datetime2 datetime2(3) NULL, c_bit bit NULL, c_uniqueidentifier uniqueidentifier NULL)");
$ins = $db->prepare("INSERT INTO {$prefix}_types VALUES (:id, :i, :b, :d, :f, :v, :nv, :nvm, CONVERT(varbinary(10), :vb, 1), :dt, :dtm, :dt2, :bit, :g)");
$ins->bindValue(':id', 1, PDO::PARAM_INT);
$ins->bindValue(':i', -70000, PDO::PARAM_INT);
$ins->bindValue(':b', '9000000000');
$ins->bindValue(':d', '-1234567.891');
$ins->bindValue(':f', '0.25');
$ins->bindValue(':v', "it's");
$ins->bindValue(':nv', "\u{65e5}\u{672c}");
$ins->bindValue(':nvm', str_repeat('z', 5000));
$ins->bindValue(':vb', '0xAB00');
$ins->bindValue(':dt', '1999-12-31');
$ins->bindValue(':dtm', '2001-02-03 04:05:06.007');
$ins->bindValue(':dt2', '2001-02-03 04:05:06.123');
$ins->bindValue(':bit', true, PDO::PARAM_BOOL);
$ins->bindValue(':g', '6F9619FF-8B86-D011-B42D-00C04FC964FF');
$ins->execute();
echo "insert rowCount " . $ins->rowCount() . "\n";
$ins->execute([':id' => 2, ':i' => null, ':b' => null, ':d' => null, ':f' => null, ':v' => null, ':nv' => null, ':nvm' => null,
    ':vb' => null, ':dt' => null, ':dtm' => null, ':dt2' => null, ':bit' => null, ':g' => null]);
$sel = $db->prepare("SELECT id, c_int, c_bigint, c_decimal, c_float, c_varchar, c_nvarchar, LEN(c_nvarcharmax) AS len_nvarcharmax," .
    " c_varbinary, c_date, c_datetime, c_datetime2, c_bit, c_uniqueidentifier FROM {$prefix}_types WHERE id >= ? ORDER BY id");
$sel->execute([1]);
rows('param row', $sel);

// Several result sets, a row count, PRINT.
$st = $db->query("SELECT 1 AS one; SELECT 'a' AS x UNION ALL SELECT 'b' ORDER BY x; UPDATE {$prefix}_types SET c_int = 5; PRINT 'printed'; SELECT 3 AS three");
$k = 1;
do {
    if ($st->columnCount() > 0) rows("result $k", $st);
    else echo "result $k: rowCount " . $st->rowCount() . "\n";
    $k++;
} while ($st->nextRowset());

// A procedure: its result set, OUTPUT values and return status read back in the batch.
$db->exec("CREATE PROCEDURE {$prefix}_proc @a int, @b varchar(20) OUTPUT AS BEGIN SELECT @a AS a_in; SET @b = @b + '!'; RETURN @a + 1 END");
$st = $db->query("DECLARE @r int, @b varchar(20) = 'in'; EXEC @r = {$prefix}_proc 41, @b OUTPUT; SELECT @r AS ret, @b AS b");
do {
    if ($st->columnCount() > 0) rows('proc', $st);
} while ($st->nextRowset());

// Transactions.
$db->exec("CREATE TABLE {$prefix}_tx (id int NULL)");
$db->beginTransaction();
$db->exec("INSERT INTO {$prefix}_tx VALUES (1)");
rows('in transaction', $db->query("SELECT @@TRANCOUNT AS trancount"));
$db->commit();
$db->beginTransaction();
$db->exec("INSERT INTO {$prefix}_tx VALUES (2)");
$db->rollBack();
rows('after', $db->query("SELECT @@TRANCOUNT AS trancount, (SELECT COUNT(*) FROM {$prefix}_tx) AS n, (SELECT MAX(id) FROM {$prefix}_tx) AS max_id"));

// Errors as the driver reports them.
foreach (["SELECT * FROM {$prefix}_missing", "SELECT 1/0", "INSERT INTO {$prefix}_types (id) VALUES (1)",
          "RAISERROR('custom %d', 16, 3, 42)"] as $sql) {
    try {
        $db->query($sql)->fetchAll();
        echo "error: none for $sql\n";
    } catch (PDOException $e) {
        failed('error', $e);
    }
}
rows('after errors', $db->query("SELECT 'still usable' AS s"));

// Metadata the way PHP applications list tables and columns.
rows('table', $db->query("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE '{$prefix}[_]%' ORDER BY TABLE_NAME"));
rows('sp_columns', $db->query("EXEC sp_columns @table_name = '{$prefix}_tx'"));

foreach (["DROP PROCEDURE {$prefix}_proc", "DROP TABLE {$prefix}_types", "DROP TABLE {$prefix}_tx"] as $sql) $db->exec($sql);

// A query timeout (dbsettime): PDO_DBLIB's handler cancels by giving up the
// connection (DB-Library INT_CANCEL); the server goes on serving the others.
$t = new PDO(getenv('MIRRORSQL_DSN'), 'sa', getenv('MIRRORSQL_PASSWORD'), [PDO::ATTR_TIMEOUT => 1]);
$t->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
try {
    $t->query("WAITFOR DELAY '00:00:30'; SELECT 1")->fetchAll();
    echo "timeout: none\n";
} catch (PDOException $e) {
    failed('timeout', $e);
}
$t = null;
// DB-Library's timeout is the process's, not the connection's (dbsettime):
// give it back a long one before the other connection runs again, or a
// statement slowed by a loaded machine times out too.
$r = new PDO(getenv('MIRRORSQL_DSN'), 'sa', getenv('MIRRORSQL_PASSWORD'), [PDO::ATTR_TIMEOUT => 120]);
$r = null;
rows('after timeout', $db->query("SELECT 'still usable' AS s"));

echo "done\n";
