#!/usr/bin/perl
# Drives mirrorsql through Perl's DBI with DBD::Sybase (FreeTDS Client-Library)
# as a Perl application does and prints one line per check;
# tests/clients/php_perl_test.go compares the output with dbd_sybase_<variant>.golden.
#
# Environment: MIRRORSQL_DSN (a DBI dsn), MIRRORSQL_PASSWORD, MIRRORSQL_PREFIX.
use strict;
use warnings;
use DBI;
$| = 1;

my $p = $ENV{MIRRORSQL_PREFIX};
my $dbh = DBI->connect($ENV{MIRRORSQL_DSN}, 'sa', $ENV{MIRRORSQL_PASSWORD},
    { RaiseError => 1, PrintError => 0, AutoCommit => 1, }) or die $DBI::errstr;
$dbh->{syb_err_handler} = sub { return 1 };

sub show {
    my ($v) = @_;
    return 'NULL' unless defined $v;
    return sprintf('%s...(%d)', substr($v, 0, 20), length $v) if length $v > 40;
    return $v;
}

sub rows {
    my ($label, $sth) = @_;
    while (my $r = $sth->fetchrow_arrayref) {
        print "$label: ", join(' | ', map { $sth->{NAME}[$_] . '=' . show($r->[$_]) } 0 .. $#$r), "\n";
    }
}

sub all_results {
    my ($label, $sth) = @_;
    my $k = 1;
    do {
        my $type = $sth->{syb_result_type};
        if ($sth->{NUM_OF_FIELDS}) {
            rows("$label $k ($type)", $sth);
        }
        $k++;
    } while ($sth->{syb_more_results});
}

sub failing {
    my ($label, $sql) = @_;
    eval { my $sth = $dbh->prepare($sql); $sth->execute; do { $sth->fetchall_arrayref if $sth->{NUM_OF_FIELDS} } while ($sth->{syb_more_results}); 1 }
        and return print "$label: none\n";
    my $msg = $dbh->errstr // '';
    $msg =~ s/\s+/ /g;
    print "$label: err ", ($dbh->err // 'undef'), " message $msg\n";
}

$dbh->do("IF OBJECT_ID('${p}_proc') IS NOT NULL DROP PROCEDURE ${p}_proc");
$dbh->do("IF OBJECT_ID('${p}_types') IS NOT NULL DROP TABLE ${p}_types");
$dbh->do("IF OBJECT_ID('${p}_tx') IS NOT NULL DROP TABLE ${p}_tx");

# Connection.
{
    my $sth = $dbh->prepare("SELECT \@\@SERVERNAME AS server, DB_NAME() AS db, SUSER_SNAME() AS login, " .
        "(SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = \@\@SPID) AS encrypted");
    $sth->execute;
    rows('session', $sth);
}

# Every type in a result.
# One column per line of testdata/types_columns.sql, shared with the Java and
# PHP programs. DBD::Sybase 1.14 sizes a (max) column's buffer at 2 GB from
# TDS 7.2 on and dies "Out of memory!" (against SQL Server too): those runs
# leave them out.
my $types;
{
    use FindBin;
    open my $f, '<', "$FindBin::Bin/../types_columns.sql" or die "types_columns.sql: $!";
    my @cols = grep { /\S/ } map { s/\s+$//r } <$f>;
    @cols = grep { !/\(max\)/ } @cols if $ENV{MIRRORSQL_NO_MAX};
    $types = 'SELECT ' . join(', ', @cols);
}
{
    my $sth = $dbh->prepare($types);
    $sth->execute;
    my $r = $sth->fetchrow_arrayref;
    for my $i (0 .. $#$r) {
        my $v = $r->[$i];
        print "value $sth->{NAME}[$i]: type $sth->{TYPE}[$i] precision ", ($sth->{PRECISION}[$i] // 'undef'),
            " scale ", ($sth->{SCALE}[$i] // 'undef'), " = ", show($v), "\n";
    }
    $sth->finish;
}

# Placeholders: DBD::Sybase prepares the statement (ct_dynamic) and sends the values typed.
$dbh->do("CREATE TABLE ${p}_types (id int CONSTRAINT PK_${p}_types PRIMARY KEY, c_int int NULL, c_bigint bigint NULL," .
    " c_decimal decimal(10,3) NULL, c_float float NULL, c_varchar varchar(20) NULL, c_nvarchar nvarchar(20) NULL," .
    " c_varbinary varbinary(10) NULL, c_date date NULL, c_datetime datetime NULL, c_bit bit NULL, c_money money NULL)");
{
    my $ins = $dbh->prepare("INSERT INTO ${p}_types (id, c_int, c_bigint, c_decimal, c_float, c_varchar, c_nvarchar, c_datetime, c_bit, c_money)" .
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    $ins->execute(1, -70000, '9000000000', '-1234567.891', 0.25, "it's", "caf\xc3\xa9", 'Feb  3 2001 04:05:06.007', 1, '12.3456');
    print "insert rows ", $ins->rows, "\n";
    $ins->execute(2, undef, undef, undef, undef, undef, undef, undef, undef, undef);
    my $sel = $dbh->prepare("SELECT id, c_int, c_bigint, c_decimal, c_float, c_varchar, c_nvarchar, c_datetime, c_bit, c_money" .
        " FROM ${p}_types WHERE id >= ? ORDER BY id");
    for my $min (1, 2) {
        $sel->execute($min);
        rows("placeholder row (id >= $min)", $sel);
    }
}

# Several result sets, a row count, PRINT.
{
    my $sth = $dbh->prepare("SELECT 1 AS one; SELECT 'a' AS x UNION ALL SELECT 'b' ORDER BY x; UPDATE ${p}_types SET c_int = 5; PRINT 'printed'; SELECT 3 AS three");
    $sth->execute;
    all_results('result', $sth);
}

# A procedure with OUTPUT parameters and a return status.
$dbh->do("CREATE PROCEDURE ${p}_proc \@a int, \@b varchar(20) OUTPUT, \@c int OUTPUT AS BEGIN SELECT \@a AS a_in; SET \@b = \@b + '!'; SET \@c = \@a * 2; RETURN \@a + 1 END");
{
    my $sth = $dbh->prepare("DECLARE \@b varchar(20), \@c int; SET \@b = 'in'; EXEC ${p}_proc 41, \@b OUTPUT, \@c OUTPUT");
    $sth->execute;
    all_results('proc', $sth);
    $sth = $dbh->prepare("exec ${p}_proc \@a = ?, \@b = ? OUTPUT, \@c = ? OUTPUT");
    $sth->bind_param(1, 7);
    $sth->bind_param(2, 'rpc');
    $sth->bind_param(3, 0);
    $sth->execute;
    all_results('proc rpc', $sth);
}

# Transactions.
$dbh->do("CREATE TABLE ${p}_tx (id int NULL)");
{
    # AutoCommit off in chained mode, as DBD::Sybase is used with SQL Server:
    # SET IMPLICIT_TRANSACTIONS ON, then COMMIT TRAN / ROLLBACK TRAN. (Its
    # connect sends a COMMIT TRAN outside any transaction first, which fails
    # with 3902 as on SQL Server and is only warned about.)
    my $tx = DBI->connect($ENV{MIRRORSQL_DSN}, 'sa', $ENV{MIRRORSQL_PASSWORD}, { RaiseError => 0, PrintError => 0, PrintWarn => 0, AutoCommit => 0, syb_chained_txn => 1 });
    $tx->{RaiseError} = 1;
    $tx->do("INSERT INTO ${p}_tx VALUES (1)");
    print "in transaction: trancount ", $tx->selectrow_array("SELECT \@\@TRANCOUNT"), "\n";
    $tx->commit;
    $tx->do("INSERT INTO ${p}_tx VALUES (2)");
    $tx->rollback;
    $tx->{RaiseError} = 0;
    $tx->disconnect;
}
print "after: ", join(' ', $dbh->selectrow_array("SELECT \@\@TRANCOUNT, COUNT(*), MAX(id) FROM ${p}_tx")), "\n";

# Errors as the driver reports them.
failing('error', "SELECT * FROM ${p}_missing");
failing('error', "INSERT INTO ${p}_types (id) VALUES (1)");
failing('error', "RAISERROR('custom %d', 16, 3, 42)");
print "after errors: ", $dbh->selectrow_array("SELECT 'still usable'"), "\n";

# Catalog methods (sp_tables, sp_columns, sp_pkeys).
{
    my $sth = $dbh->table_info('master', 'dbo', "${p}_t%", 'TABLE');
    while (my $r = $sth->fetchrow_hashref) {
        print "table_info: $r->{TABLE_QUALIFIER}.$r->{TABLE_OWNER}.$r->{TABLE_NAME} $r->{TABLE_TYPE}\n";
    }
    $sth = $dbh->column_info('master', 'dbo', "${p}_types", '%');
    while (my $r = $sth->fetchrow_hashref) {
        print "column_info: $r->{COLUMN_NAME} $r->{TYPE_NAME} $r->{DATA_TYPE} size ", show($r->{COLUMN_SIZE}), " nullable $r->{NULLABLE}\n";
    }
    print "primary_key: ", join(',', $dbh->primary_key('master', 'dbo', "${p}_types")), "\n";
}

# A query timeout: DBD::Sybase's timeout attribute; the connection is given up, the server serves the next one.
{
    my $t = DBI->connect($ENV{MIRRORSQL_DSN} . ';timeout=1', 'sa', $ENV{MIRRORSQL_PASSWORD}, { RaiseError => 0, PrintError => 0 });
    my $ok = $t->do("WAITFOR DELAY '00:00:30'");
    my $msg = $t->errstr // '';
    print "timeout: ", (defined $ok ? "none" : "err " . ($t->err // 'undef') . ($msg =~ /(Adaptive Server connection timed out)/ ? " $1" : " $msg")), "\n";
    print "after timeout: ", $dbh->selectrow_array("SELECT 'still usable'"), "\n";
}

$dbh->do("DROP PROCEDURE ${p}_proc");
$dbh->do("DROP TABLE ${p}_types");
$dbh->do("DROP TABLE ${p}_tx");
$dbh->disconnect;
print "done\n";
