// typeorm.js drives a mirrorsql server with TypeORM (driver mssql, over the
// mssql package and tedious) and prints one JSON object with what each step
// returned, for tests/clients/orm_test.go. It owns the database
// <MIRRORSQL_TABLE>_torm.
//
// Steps: entities (EntitySchema, no decorators) with many-to-one, one-to-many
// with cascade, many-to-many through a join table; synchronize, then the
// schema diff of the same entities again, which must be empty (TypeORM reads
// INFORMATION_SCHEMA and sys.* to compute it); migrations run and revert;
// save with cascades, QueryBuilder with joins and pagination, remove with
// cascades, transactions (committed, rolled back, with an isolation level).
'use strict';

require('reflect-metadata');
const { DataSource, EntitySchema } = require('typeorm');
const { host, port, password, prefix, step, freshDatabase, main } = require('./common');

const dbName = `${prefix}_torm`;

const Customer = new EntitySchema({
  name: 'Customer',
  columns: {
    id: { type: 'uniqueidentifier', primary: true, generated: 'uuid' },
    name: { type: 'nvarchar', length: 100 },
    email: { type: 'nvarchar', length: 200, nullable: true, unique: true },
    createdAt: { type: 'datetime2', createDate: true },
    version: { type: 'int', version: true },
  },
  relations: {
    orders: { type: 'one-to-many', target: 'Order', inverseSide: 'customer' },
  },
});

const Order = new EntitySchema({
  name: 'Order',
  tableName: 'orders',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    total: { type: 'decimal', precision: 10, scale: 2, default: 0 },
    status: { type: 'varchar', length: 20, default: 'new' },
    placed: { type: 'date', nullable: true },
  },
  relations: {
    customer: { type: 'many-to-one', target: 'Customer', inverseSide: 'orders', onDelete: 'CASCADE', nullable: false },
    lines: { type: 'one-to-many', target: 'OrderLine', inverseSide: 'order', cascade: true },
    products: { type: 'many-to-many', target: 'Product', joinTable: { name: 'order_products' } },
  },
  indices: [{ name: 'IX_orders_status', columns: ['status'] }],
});

const OrderLine = new EntitySchema({
  name: 'OrderLine',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    sku: { type: 'nvarchar', length: 40 },
    qty: { type: 'int' },
  },
  relations: {
    order: { type: 'many-to-one', target: 'Order', inverseSide: 'lines', onDelete: 'CASCADE', orphanedRowAction: 'delete' },
  },
});

function productSchema(extra) {
  return new EntitySchema({
    name: 'Product',
    columns: {
      code: { type: 'varchar', length: 20, primary: true },
      price: { type: 'money' },
      active: { type: 'bit', default: true },
      ...extra,
    },
  });
}
const Product = productSchema({});

// AddNotes is a migration: a column and a table, undone by down.
class AddNotes1700000000000 {
  constructor() { this.name = 'AddNotes1700000000000'; }

  async up(q) {
    await q.query('ALTER TABLE "orders" ADD "notes" nvarchar(400) NULL');
    await q.query('CREATE TABLE "audit" ("id" int NOT NULL IDENTITY(1,1), "what" nvarchar(100) NOT NULL, CONSTRAINT "PK_audit" PRIMARY KEY ("id"))');
  }

  async down(q) {
    await q.query('DROP TABLE "audit"');
    await q.query('ALTER TABLE "orders" DROP COLUMN "notes"');
  }
}

function dataSource(extra) {
  return new DataSource({
    type: 'mssql', host, port, username: 'sa', password, database: dbName,
    options: { encrypt: false, trustServerCertificate: true },
    entities: [Customer, Order, OrderLine, Product],
    migrations: [AddNotes1700000000000],
    logging: process.env.MIRRORSQL_TRACE ? 'all' : false,
    ...extra,
  });
}

async function run(out) {
  await freshDatabase(dbName);
  let ds = dataSource({ synchronize: true });
  await step(out, 'synchronize', async () => { await ds.initialize(); return ds.isInitialized; });
  if (!ds.isInitialized) return;
  await ds.destroy();
  // The same entities again: TypeORM compares them with what it reads back
  // from the database; any difference would be an ALTER it wants to run.
  ds = dataSource({});
  await ds.initialize();
  await step(out, 'synchronizeAgain', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  });
  // A changed entity must show up in the diff (so an empty one means no
  // difference, not a diff that reads nothing).
  await step(out, 'synchronizeChanged', async () => {
    const changed = dataSource({ entities: [Customer, Order, OrderLine, productSchema({ note: { type: 'nvarchar', length: 50, nullable: true } })] });
    await changed.initialize();
    try {
      return (await changed.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    } finally {
      await changed.destroy();
    }
  });
  await step(out, 'migrationsRun', async () => {
    const ran = await ds.runMigrations({ transaction: 'each' });
    const cols = await ds.query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'orders' AND COLUMN_NAME = 'notes'");
    return { ran: ran.map((m) => m.name), notes: cols.length, pending: await ds.showMigrations() };
  });
  await step(out, 'migrationsRevert', async () => {
    await ds.undoLastMigration({ transaction: 'all' });
    const tables = await ds.query("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('audit', 'migrations') ORDER BY TABLE_NAME");
    const rows = await ds.query('SELECT COUNT(*) AS n FROM "migrations"');
    return { tables: tables.map((t) => t.TABLE_NAME), migrations: rows[0].n, pending: await ds.showMigrations() };
  });
  const customers = ds.getRepository('Customer');
  const orders = ds.getRepository('Order');
  const products = ds.getRepository('Product');
  await step(out, 'saveCascade', async () => {
    await products.save([{ code: 'P1', price: '9.5000' }, { code: 'P2', price: '20.0000', active: false }, { code: 'P3', price: '1.2500' }]);
    const ada = await customers.save({ name: 'Ada', email: 'ada@example.org' });
    const bob = await customers.save({ name: 'Bob' });
    const p = await products.findBy({});
    let n = 0;
    for (const [c, total, lines] of [[ada, '10.50', 2], [ada, '99.99', 1], [bob, '5.00', 3], [ada, '42.00', 0]]) {
      n++;
      await orders.save({
        customer: c, total, placed: `2024-03-0${n}`,
        lines: Array.from({ length: lines }, (_, i) => ({ sku: `S${n}${i}`, qty: i + 1 })),
        products: p.slice(0, lines),
      });
    }
    const one = await orders.findOne({ where: { total: '99.99' }, relations: { lines: true, products: true, customer: true } });
    return { version: ada.version, uuid: /^[0-9A-F-]{36}$/i.test(ada.id), lines: one.lines.length, products: one.products.map((x) => x.code), customer: one.customer.name };
  });
  await step(out, 'queryBuilderJoin', async () => {
    const rows = await orders.createQueryBuilder('o')
      .innerJoinAndSelect('o.customer', 'c')
      .leftJoinAndSelect('o.lines', 'l')
      .where('c.name = :name', { name: 'Ada' })
      .orderBy('o.total', 'DESC').addOrderBy('l.sku', 'ASC')
      .skip(1).take(2)
      .getMany();
    return rows.map((o) => ({ total: o.total, lines: o.lines.map((l) => l.sku) }));
  });
  await step(out, 'queryBuilderAggregate', async () => customers.createQueryBuilder('c')
    .leftJoin('c.orders', 'o')
    .select('c.name', 'name').addSelect('COUNT(o.id)', 'orders').addSelect('SUM(o.total)', 'total')
    .groupBy('c.name').orderBy('c.name').getRawMany());
  await step(out, 'findAndCount', async () => {
    const [rows, count] = await orders.findAndCount({ order: { id: 'ASC' }, skip: 2, take: 1, relations: { customer: true } });
    return { count, rows: rows.map((o) => [o.total, o.customer.name]) };
  });
  await step(out, 'updateVersion', async () => {
    const bob = await customers.findOneBy({ name: 'Bob' });
    bob.email = 'bob@example.org';
    await customers.save(bob);
    return (await customers.findOneBy({ name: 'Bob' })).version;
  });
  await step(out, 'removeCascade', async () => {
    const o = await orders.findOne({ where: { total: '5.00' }, relations: { lines: true } });
    o.lines = o.lines.slice(0, 1); // orphanedRowAction: delete
    await orders.save(o);
    const left = await ds.getRepository('OrderLine').countBy({ order: { id: o.id } });
    await orders.remove(o);
    const lines = await ds.query('SELECT COUNT(*) AS n FROM order_line');
    return { left, orders: await orders.count(), lines: lines[0].n };
  });
  await step(out, 'transactionCommit', async () => {
    const iso = await ds.transaction('SERIALIZABLE', async (em) => {
      await em.getRepository('Product').update({ code: 'P3' }, { price: '1.5000' });
      const r = await em.query('SELECT transaction_isolation_level AS lvl FROM sys.dm_exec_sessions WHERE session_id = @@SPID');
      return r[0].lvl;
    });
    return { isolation: iso, price: (await products.findOneBy({ code: 'P3' })).price };
  });
  await step(out, 'transactionRollback', async () => {
    try {
      await ds.transaction(async (em) => {
        await em.getRepository('Customer').save({ name: 'Ghost' });
        await em.getRepository('Customer').save({ name: 'Dup', email: 'ada@example.org' });
      });
      return 'committed';
    } catch (e) {
      return { error: e.number || (e.driverError && e.driverError.number), ghosts: await customers.countBy({ name: 'Ghost' }) };
    }
  });
  await step(out, 'queryRunner', async () => {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.manager.getRepository('Product').delete({ active: false });
    const inside = await qr.manager.getRepository('Product').count();
    await qr.rollbackTransaction();
    await qr.release();
    return { inside, after: await products.count() };
  });
  await step(out, 'schemaIntrospection', async () => {
    const qr = ds.createQueryRunner();
    const t = await qr.getTable('orders');
    await qr.release();
    return {
      columns: t.columns.map((c) => `${c.name} ${c.type}${c.isNullable ? ' null' : ''}${c.isPrimary ? ' pk' : ''}${c.isGenerated ? ' gen' : ''}`),
      foreignKeys: t.foreignKeys.map((f) => `${f.columnNames} -> ${f.referencedTableName.split('.').pop()}(${f.referencedColumnNames}) ${f.onDelete}`),
      indices: t.indices.map((i) => i.name),
    };
  });
  await ds.destroy();
}

main(run);
