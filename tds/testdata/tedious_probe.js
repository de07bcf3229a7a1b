// Probe run by TestE2ETedious: connects with tedious, runs the initial SET batch
// (tedious sends it itself), a parameterless execSql, a parameterized execSql and
// a transaction, and prints one JSON line per result. Usage:
//   node tedious_probe.js <port> <encrypt: true|false>
const { Connection, Request, TYPES } = require('tedious');
const [port, encrypt] = [parseInt(process.argv[2], 10), process.argv[3] === 'true'];
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const conn = new Connection({
  server: '127.0.0.1',
  authentication: { type: 'default', options: { userName: 'sa', password: 'secret' } },
  options: { port, database: 'master', encrypt, trustServerCertificate: true, connectTimeout: 10000 },
});
// exec resolves with the rows; meta, when given, receives each column's
// TDS type name and fNullable flag ("Int:0", "IntN:1").
const exec = (sql, params, meta) => new Promise((resolve, reject) => {
  const rows = [];
  const req = new Request(sql, (err) => (err ? reject(err) : resolve(rows)));
  for (const [name, type, value] of params || []) req.addParameter(name, type, value);
  if (meta) req.on('columnMetadata', (cols) => meta.push(...cols.map((c) => `${c.type.name}:${c.flags & 1}`)));
  req.on('row', (cols) => rows.push(cols.map((c) => c.value)));
  conn.execSql(req);
});
const tx = (fn) => new Promise((resolve, reject) =>
  conn[fn]((err) => (err ? reject(err) : resolve())));
conn.on('connect', async (err) => {
  if (err) { out({ error: String(err) }); process.exit(1); }
  try {
    out({ q: 'select 1', rows: await exec('select 1') });
    out({ q: 'param', rows: await exec('select @a, @b', [['a', TYPES.Int, 42], ['b', TYPES.NVarChar, 'héllo']]) });
    out({ q: 'lob', rows: await exec('select @t, @n, @i', [['t', TYPES.Text, 'text'], ['n', TYPES.NText, 'ntéxt'], ['i', TYPES.Image, Buffer.from([1, 2])]]) });
    const types = [];
    const fixed = await exec('select fixed', [], types);
    out({ q: 'fixed', types, rows: fixed });
    await tx('beginTransaction');
    out({ q: 'in tx', rows: await exec('select 1') });
    await tx('commitTransaction');
    out({ done: true });
    conn.close();
  } catch (e) {
    out({ error: String(e) });
    process.exit(1);
  }
});
conn.connect();
