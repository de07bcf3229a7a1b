// client.js drives a mirrorsql server with tedious and mssql and prints one
// JSON object with what each step returned, for tests/clients/tedious_test.go.
//
// Usage: node client.js   (environment: MIRRORSQL_HOST, MIRRORSQL_PORT,
// MIRRORSQL_PASSWORD, MIRRORSQL_TABLE — a table name prefix unique to the run)
//
// For encrypt false and true (trustServerCertificate), each library runs: a
// query, a parameterized request (RPC sp_executesql), and a transaction that
// commits and one that rolls back. A failed step records {error: message} and
// the script goes on, so the Go test reports every difference at once.
'use strict';

const tedious = require('tedious');
const mssql = require('mssql');

const host = process.env.MIRRORSQL_HOST || '127.0.0.1';
const port = Number(process.env.MIRRORSQL_PORT || 1433);
const password = process.env.MIRRORSQL_PASSWORD || '';
const prefix = process.env.MIRRORSQL_TABLE || 'node_t';

// ENCRYPTED reports whether the connection runs over TLS (TRUE/FALSE).
const ENCRYPTED = 'select encrypt_option from sys.dm_exec_connections where session_id = @@SPID';

function errText(err) {
  if (!err) return '';
  if (err.errors) return err.errors.map((e) => e.message).join('; ');
  return String(err.message || err);
}

// step runs fn and stores its value (or error) under name in out.
async function step(out, name, fn) {
  try {
    out[name] = await fn();
  } catch (err) {
    const number = err.number !== undefined ? err.number : (err.originalError && err.originalError.number);
    out[name] = { error: errText(err), number };
  }
}

// --- tedious --------------------------------------------------------------

function tdConnect(encrypt, tdsVersion = '7_4') {
  return new Promise((resolve, reject) => {
    const conn = new tedious.Connection({
      server: host,
      authentication: { type: 'default', options: { userName: 'sa', password } },
      options: {
        port, database: 'master', encrypt, trustServerCertificate: true, tdsVersion,
        connectTimeout: 30000, requestTimeout: 60000, rowCollectionOnRequestCompletion: true,
      },
    });
    conn.on('error', () => {});
    conn.connect((err) => (err ? reject(err) : resolve(conn)));
  });
}

// tdRun runs a batch (execSql) or a parameterized request (params given) and
// resolves with its rows as arrays of values.
function tdRun(conn, sqlText, params) {
  return new Promise((resolve, reject) => {
    const rows = [];
    const req = new tedious.Request(sqlText, (err) => (err ? reject(err) : resolve(rows)));
    req.on('row', (cols) => rows.push(cols.map((c) => c.value)));
    if (params) {
      for (const [name, type, value] of params) req.addParameter(name, type, value);
      conn.execSql(req);
    } else {
      conn.execSqlBatch(req);
    }
  });
}

function tdTx(conn, method) {
  return new Promise((resolve, reject) => {
    const cb = (err) => (err ? reject(err) : resolve());
    if (method === 'begin') conn.beginTransaction(cb);
    else if (method === 'commit') conn.commitTransaction(cb);
    else conn.rollbackTransaction(cb);
  });
}

async function runTedious(encrypt) {
  const out = {};
  let conn;
  await step(out, 'connect', async () => { conn = await tdConnect(encrypt); return true; });
  if (!conn) return out;
  const tbl = `${prefix}_td_${encrypt ? 'enc' : 'plain'}`;
  const T = tedious.TYPES;
  await step(out, 'query', () => tdRun(conn, "select 1 as one, N'héllo' as s"));
  await step(out, 'encrypted', () => tdRun(conn, ENCRYPTED));
  await step(out, 'params', () => tdRun(conn, 'select @a + 1 as v, @b as s',
    [['a', T.Int, 41], ['b', T.NVarChar, 'ünï']]));
  await step(out, 'create', () => tdRun(conn, `create table ${tbl} (id int, name nvarchar(20))`));
  await step(out, 'commit', async () => {
    await tdTx(conn, 'begin');
    await tdRun(conn, `insert into ${tbl} values (@id, @name)`, [['id', T.Int, 1], ['name', T.NVarChar, 'kept']]);
    await tdTx(conn, 'commit');
    return tdRun(conn, `select id, name from ${tbl} order by id`);
  });
  await step(out, 'rollback', async () => {
    await tdTx(conn, 'begin');
    await tdRun(conn, `insert into ${tbl} values (2, N'discarded')`);
    const inside = await tdRun(conn, `select count(*) from ${tbl}`);
    await tdTx(conn, 'rollback');
    const after = await tdRun(conn, `select count(*) from ${tbl}`);
    return { inside: inside[0][0], after: after[0][0] };
  });
  await step(out, 'error', () => tdRun(conn, 'select * from no_such_table'));
  conn.close();
  return out;
}

// --- mssql ----------------------------------------------------------------

async function runMssql(encrypt) {
  const out = {};
  let pool;
  await step(out, 'connect', async () => {
    pool = await new mssql.ConnectionPool({
      server: host, port, user: 'sa', password, database: 'master',
      options: { encrypt, trustServerCertificate: true },
      pool: { max: 2, min: 0 },
    }).connect();
    return true;
  });
  if (!pool) return out;
  const tbl = `${prefix}_ms_${encrypt ? 'enc' : 'plain'}`;
  await step(out, 'query', async () => (await pool.request().query('select 1 as one, 2 as two')).recordset);
  await step(out, 'encrypted', async () => (await pool.request().query(ENCRYPTED)).recordset);
  await step(out, 'params', async () => (await pool.request()
    .input('x', mssql.Int, 41).input('s', mssql.NVarChar(10), 'abc')
    .query('select @x + 1 as v, @s as s')).recordset);
  await step(out, 'create', async () => (await pool.request().query(`create table ${tbl} (id int)`)).rowsAffected);
  await step(out, 'commit', async () => {
    const tx = new mssql.Transaction(pool);
    await tx.begin();
    await new mssql.Request(tx).input('id', mssql.Int, 10).query(`insert into ${tbl} values (@id)`);
    await tx.commit();
    return (await pool.request().query(`select id from ${tbl}`)).recordset;
  });
  await step(out, 'rollback', async () => {
    const tx = new mssql.Transaction(pool);
    await tx.begin();
    await new mssql.Request(tx).query(`insert into ${tbl} values (20)`);
    await tx.rollback();
    return (await pool.request().query(`select count(*) as n from ${tbl}`)).recordset;
  });
  await step(out, 'error', () => pool.request().query('select * from no_such_table'));
  await pool.close();
  return out;
}

// runTediousVersion logs in with an older TDS version and reads a DATE.
async function runTediousVersion(tdsVersion) {
  const out = {};
  let conn;
  await step(out, 'connect', async () => { conn = await tdConnect(false, tdsVersion); return true; });
  if (!conn) return out;
  await step(out, 'query', () => tdRun(conn, "select cast('2024-01-02' as date) as d, 1 as one"));
  conn.close();
  return out;
}

async function main() {
  const result = { tedious: {}, mssql: {}, tediousVersions: {} };
  for (const v of ['7_3_B', '7_3_A']) {
    result.tediousVersions[v] = await runTediousVersion(v);
  }
  for (const encrypt of [false, true]) {
    const key = `encrypt=${encrypt}`;
    result.tedious[key] = await runTedious(encrypt);
    result.mssql[key] = await runMssql(encrypt);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ fatal: errText(err) })}\n`);
  process.exit(1);
});
