// knex.js drives a mirrorsql server with Knex (client mssql, over tedious)
// and prints one JSON object with what each step returned, for
// tests/clients/orm_test.go. It owns the database <MIRRORSQL_TABLE>_knex.
//
// Steps: the schema builder (createTable with foreign keys, hasTable,
// hasColumn, alterTable), migrations with Knex's migrations and lock tables
// (latest, a second latest with nothing to do, rollback), insert returning,
// batchInsert, joins with aggregates and pagination, update returning,
// transactions (committed, rolled back, with an isolation level, nested with
// a savepoint). Knex has no onConflict() for mssql, so no upsert here.
'use strict';

const path = require('path');
const fs = require('fs');
const os = require('os');
const knexLib = require('knex');
const { host, port, password, prefix, step, freshDatabase, main } = require('./common');

const dbName = `${prefix}_knex`;

// Migrations live in a temporary folder: Knex loads them as files.
function writeMigrations() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knex-migrations-'));
  fs.writeFileSync(path.join(dir, '20240101000000_tags.js'), `
exports.up = (knex) => knex.schema.createTable('tags', (t) => {
  t.increments('id');
  t.string('label', 40).notNullable().unique();
});
exports.down = (knex) => knex.schema.dropTable('tags');
`);
  fs.writeFileSync(path.join(dir, '20240102000000_post_tags.js'), `
exports.up = (knex) => knex.schema.createTable('post_tags', (t) => {
  t.integer('post_id').unsigned().notNullable().references('id').inTable('posts').onDelete('CASCADE');
  t.integer('tag_id').unsigned().notNullable().references('id').inTable('tags');
  t.primary(['post_id', 'tag_id']);
});
exports.down = (knex) => knex.schema.dropTable('post_tags');
`);
  return dir;
}

async function run(out) {
  await freshDatabase(dbName);
  const knex = knexLib({
    client: 'mssql',
    connection: { server: host, port, user: 'sa', password, database: dbName, options: { encrypt: false, trustServerCertificate: true } },
    pool: { min: 0, max: 3 },
    debug: !!process.env.MIRRORSQL_TRACE,
  });
  const migrations = writeMigrations();
  try {
    await steps(out, knex, migrations);
  } finally {
    fs.rmSync(migrations, { recursive: true, force: true });
    await knex.destroy();
  }
}

async function steps(out, knex, migrations) {
  await step(out, 'createTable', async () => {
    await knex.schema.createTable('authors', (t) => {
      t.increments('id');
      t.string('name', 100).notNullable();
      t.string('email', 200).unique();
      t.timestamps(true, true);
    });
    await knex.schema.createTable('posts', (t) => {
      t.increments('id');
      t.integer('author_id').unsigned().notNullable().references('id').inTable('authors').onDelete('CASCADE');
      t.string('title').notNullable();
      t.text('body');
      t.decimal('score', 8, 3).defaultTo(0);
      t.boolean('published').defaultTo(false);
      t.uuid('ref').defaultTo(knex.raw('NEWID()'));
      t.datetime('posted_at', { useTz: false });
      t.index(['author_id', 'published'], 'ix_posts_author');
    });
    return [await knex.schema.hasTable('authors'), await knex.schema.hasTable('posts'), await knex.schema.hasTable('nope')];
  });
  await step(out, 'alterTable', async () => {
    await knex.schema.alterTable('posts', (t) => {
      t.string('slug', 120);
      t.string('title', 300).notNullable().alter();
    });
    await knex.schema.alterTable('authors', (t) => {
      t.renameColumn('email', 'mail');
    });
    await knex.schema.alterTable('posts', (t) => {
      t.dropColumn('body');
      t.unique(['slug'], { indexName: 'uq_posts_slug', predicate: knex.whereNotNull('slug') });
    });
    const info = await knex('posts').columnInfo();
    return {
      columns: Object.keys(info).sort(),
      title: info.title,
      mail: await knex.schema.hasColumn('authors', 'mail'),
      email: await knex.schema.hasColumn('authors', 'email'),
    };
  });
  await step(out, 'migrateLatest', async () => {
    const [batch, files] = await knex.migrate.latest({ directory: migrations });
    const [, again] = await knex.migrate.latest({ directory: migrations });
    const locks = await knex('knex_migrations_lock').select('is_locked');
    return { batch, files, again, locks, version: await knex.migrate.currentVersion({ directory: migrations }) };
  });
  await step(out, 'migrateRollback', async () => {
    const [batch, files] = await knex.migrate.rollback({ directory: migrations });
    const [, list] = await knex.migrate.list({ directory: migrations });
    const hasTags = await knex.schema.hasTable('tags');
    await knex.migrate.latest({ directory: migrations });
    return { batch, files, pending: list.map((m) => m.file), hasTags };
  });
  await step(out, 'insertReturning', async () => {
    const [ada] = await knex('authors').insert({ name: 'Ada', mail: 'ada@example.org' }).returning(['id', 'name']);
    const ids = await knex('authors').insert([{ name: 'Bob' }, { name: 'Cy', mail: 'cy@example.org' }]).returning('id');
    return { ada, ids: ids.map((r) => r.id) };
  });
  await step(out, 'batchInsert', async () => {
    const rows = [];
    for (let i = 1; i <= 25; i++) {
      rows.push({ author_id: 1 + (i % 3), title: `post ${String(i).padStart(2, '0')}`, score: (i * 1.25).toFixed(3), published: i % 2 === 0, slug: `p${i}`, posted_at: new Date(Date.UTC(2024, 0, i)) });
    }
    const res = await knex.batchInsert('posts', rows, 10).returning('id');
    await knex('tags').insert([{ label: 'go' }, { label: 'sql' }]);
    await knex('post_tags').insert([{ post_id: 1, tag_id: 1 }, { post_id: 1, tag_id: 2 }, { post_id: 2, tag_id: 2 }]);
    return [res.length, (await knex('posts').count({ n: '*' }))[0].n];
  });
  await step(out, 'joins', async () => knex('authors as a')
    .leftJoin('posts as p', 'p.author_id', 'a.id')
    .select('a.name')
    .count({ posts: 'p.id' })
    .sum({ score: 'p.score' })
    .where('p.published', true)
    .groupBy('a.name')
    .having(knex.raw('count(p.id) > ?', [0]))
    .orderBy('a.name'));
  await step(out, 'paginate', async () => (await knex('posts').select('title').orderBy('id', 'desc').limit(3).offset(5)).map((r) => r.title));
  await step(out, 'first', async () => knex('posts').join('post_tags', 'post_tags.post_id', 'posts.id').join('tags', 'tags.id', 'post_tags.tag_id')
    .select('posts.title').select(knex.raw("STRING_AGG(tags.label, ',') WITHIN GROUP (ORDER BY tags.label) AS labels"))
    .groupBy('posts.title').orderBy('posts.title').first());
  await step(out, 'updateReturning', async () => knex('posts').where('title', 'post 01').update({ score: 99.5 }, ['id', 'score']));
  await step(out, 'deleteCascade', async () => {
    const n = await knex('authors').where('name', 'Cy').del();
    return [n, (await knex('posts').count({ n: '*' }))[0].n];
  });
  await step(out, 'transactionCommit', async () => {
    const lvl = await knex.transaction(async (trx) => {
      await trx('tags').insert({ label: 'tx' });
      const r = await trx.raw('SELECT transaction_isolation_level AS lvl FROM sys.dm_exec_sessions WHERE session_id = @@SPID');
      return r[0].lvl;
    }, { isolationLevel: 'repeatable read' });
    return [lvl, (await knex('tags').where('label', 'tx').count({ n: '*' }))[0].n];
  });
  await step(out, 'transactionRollback', async () => {
    try {
      await knex.transaction(async (trx) => {
        await trx('tags').insert({ label: 'doomed' });
        await trx('tags').insert({ label: 'go' }); // duplicate: 2627
      });
      return 'committed';
    } catch (e) {
      return { number: e.number, doomed: (await knex('tags').where('label', 'doomed').count({ n: '*' }))[0].n };
    }
  });
  await step(out, 'savepoint', async () => knex.transaction(async (trx) => {
    await trx('tags').insert({ label: 'outer' });
    try {
      await trx.transaction(async (inner) => {
        await inner('tags').insert({ label: 'inner' });
        throw new Error('undo inner');
      });
    } catch (e) { if (e.message !== 'undo inner') throw e; }
    return trx('tags').whereIn('label', ['outer', 'inner']).orderBy('label').pluck('label');
  }));
}

main(run);
