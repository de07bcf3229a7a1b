// common.js holds what the ORM scripts (sequelize.js, typeorm.js, knex.js)
// share: the server's address from the environment, a step runner that
// records a value or an error and goes on, and the database each script owns.
'use strict';

const tedious = require('tedious');

const host = process.env.MIRRORSQL_HOST || '127.0.0.1';
const port = Number(process.env.MIRRORSQL_PORT || 1433);
const password = process.env.MIRRORSQL_PASSWORD || '';
const prefix = process.env.MIRRORSQL_TABLE || 'node_t';

function errText(err) {
  if (!err) return '';
  if (err.errors && err.errors.length) return err.errors.map((e) => e.message).join('; ');
  const orig = err.original || err.parent || err.originalError;
  if (orig && orig.message) return String(orig.message);
  return String(err.message || err);
}

function errNumber(err) {
  for (const e of [err, err.original, err.parent, err.originalError, err.driverError]) {
    if (e && e.number !== undefined) return e.number;
    if (e && e.originalError && e.originalError.number !== undefined) return e.originalError.number;
  }
  return undefined;
}

// step runs fn and stores its JSON-able value (or {error, number}) under name
// in out. With MIRRORSQL_TRACE set, each failure's stack goes to stderr.
async function step(out, name, fn) {
  try {
    const v = await fn();
    out[name] = v === undefined ? null : JSON.parse(JSON.stringify(v));
  } catch (err) {
    out[name] = { error: errText(err), number: errNumber(err) };
    if (process.env.MIRRORSQL_TRACE) process.stderr.write(`${name}: ${err.stack}\n${err.sql || ''}\n`);
  }
}

// batch runs one SQL batch on a fresh tedious connection to master: the
// scripts create and drop their own database with it.
function batch(sqlText) {
  return new Promise((resolve, reject) => {
    const conn = new tedious.Connection({
      server: host,
      authentication: { type: 'default', options: { userName: 'sa', password } },
      options: { port, database: 'master', encrypt: false, trustServerCertificate: true },
    });
    conn.on('error', () => {});
    conn.connect((err) => {
      if (err) { reject(err); return; }
      const req = new tedious.Request(sqlText, (e) => { conn.close(); if (e) reject(e); else resolve(); });
      conn.execSqlBatch(req);
    });
  });
}

// freshDatabase drops and creates the database name.
async function freshDatabase(name) {
  await batch(`IF DB_ID(N'${name}') IS NOT NULL DROP DATABASE [${name}]; CREATE DATABASE [${name}]`);
}

// print writes out as a JSON object with one step a line, the form of the
// golden files in tests/clients/testdata.
function print(out) {
  const lines = Object.entries(out).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  process.stdout.write(`{\n${lines.join(',\n')}\n}\n`);
}

// main runs fn(out) and prints out; a throw is fatal (exit 1).
function main(fn) {
  const out = {};
  fn(out).then(() => print(out), (err) => {
    out.fatal = errText(err);
    print(out);
    process.exit(1);
  });
}

module.exports = { host, port, password, prefix, step, batch, freshDatabase, main, errText };
