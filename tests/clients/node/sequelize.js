// sequelize.js drives a mirrorsql server with Sequelize 6 (dialect mssql, over
// tedious) and prints one JSON object with what each step returned, for
// tests/clients/orm_test.go. It owns the database <MIRRORSQL_TABLE>_sqlz.
//
// Steps: models with hasMany, belongsToMany through a join table, a paranoid
// model; sync({force}) then sync({alter}) after a model change (which reads
// INFORMATION_SCHEMA and sys.*); bulkCreate, create with include, findAll
// with include/where/order/limit/offset, findOrCreate (transaction +
// savepoint), update, increment, destroy (soft and hard), upsert (MERGE), a
// managed transaction with an isolation level, raw queries with
// replacements, and QueryInterface describeTable, showAllTables, addColumn,
// addIndex, removeColumn.
'use strict';

const { Sequelize, DataTypes, Op, Transaction, QueryTypes } = require('sequelize');
const { host, port, password, prefix, step, freshDatabase, main } = require('./common');

const dbName = `${prefix}_sqlz`;

function connect() {
  return new Sequelize(dbName, 'sa', password, {
    host, port, dialect: 'mssql', logging: process.env.MIRRORSQL_TRACE ? (s) => process.stderr.write(`${s}\n`) : false,
    dialectOptions: { options: { encrypt: false, trustServerCertificate: true, requestTimeout: 30000 } },
    pool: { max: 3, min: 0 },
  });
}

function defineModels(sq, extra) {
  const Author = sq.define('Author', {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    born: DataTypes.DATEONLY,
    ...(extra ? { email: { type: DataTypes.STRING(200), allowNull: true } } : {}),
  });
  const Book = sq.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false },
    price: DataTypes.DECIMAL(10, 2),
    published: DataTypes.DATE,
    stock: DataTypes.INTEGER, // no defaultValue: sync({alter}) sends ALTER COLUMN … DEFAULT, a 156 on SQL Server (sequelize/sequelize#17405)
    meta: {
      type: DataTypes.TEXT,
      get() { const v = this.getDataValue('meta'); return v ? JSON.parse(v) : null; },
      set(v) { this.setDataValue('meta', JSON.stringify(v)); },
    },
  }, { paranoid: true });
  const Tag = sq.define('Tag', { label: { type: DataTypes.STRING(40), primaryKey: true } }, { timestamps: false });
  const BookTag = sq.define('BookTag', { weight: DataTypes.INTEGER }, { timestamps: false });
  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId' });
  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });
  Book.belongsToMany(Tag, { through: BookTag, as: 'tags', foreignKey: 'bookId', otherKey: 'tagLabel' });
  Tag.belongsToMany(Book, { through: BookTag, as: 'books', foreignKey: 'tagLabel', otherKey: 'bookId' });
  return { Author, Book, Tag, BookTag };
}

const plainBook = (b) => ({
  title: b.title, price: b.price, stock: b.stock, meta: b.meta,
  author: b.author ? b.author.name : undefined,
  tags: b.tags ? b.tags.map((t) => t.label).sort() : undefined,
});

async function run(out) {
  await freshDatabase(dbName);
  let sq = connect();
  let m = defineModels(sq, false);
  await step(out, 'syncForce', async () => { await sq.sync({ force: true }); return true; });
  // A model change (a new nullable column) and sync({alter}): Sequelize
  // describes each table and adds what is missing.
  await sq.close();
  sq = connect();
  m = defineModels(sq, true);
  await step(out, 'syncAlter', async () => {
    await sq.sync({ alter: true });
    const cols = await sq.getQueryInterface().describeTable('Authors');
    return Object.keys(cols).sort();
  });
  // sync({alter}) of a model with a unique column sends ALTER COLUMN … UNIQUE,
  // which SQL Server refuses with 156 (sequelize/sequelize#9057).
  await step(out, 'syncAlterUnique', async () => {
    const Code = sq.define('Code', { code: { type: DataTypes.STRING(20), unique: true } }, { timestamps: false });
    await Code.sync();
    await Code.sync({ alter: true });
    return true;
  });
  const { Author, Book, Tag } = m;
  await step(out, 'bulkCreate', async () => {
    const tags = await Tag.bulkCreate([{ label: 'sf' }, { label: 'classic' }, { label: 'short' }]);
    return tags.length;
  });
  await step(out, 'createInclude', async () => {
    const a = await Author.create({
      name: 'Le Guin', born: '1929-10-21', email: 'ursula@example.org',
      books: [
        { title: 'The Dispossessed', price: '12.50', stock: 0, published: new Date(Date.UTC(1974, 4, 1)), meta: { pages: 387 } },
        { title: 'The Lathe of Heaven', price: '9.99', stock: 0, published: new Date(Date.UTC(1971, 0, 1)), meta: { pages: 184 } },
      ],
    }, { include: [{ model: Book, as: 'books' }] });
    const b = await Author.create({ name: 'Borges', born: '1899-08-24', books: [{ title: 'Ficciones', price: '8.00', stock: 3 }] },
      { include: [{ model: Book, as: 'books' }] });
    // Sequelize inserts the included books concurrently: their ids are in no
    // fixed order, their titles are.
    const books = await Book.findAll({ order: [['title', 'ASC']] });
    books.push(books.shift()); // Dispossessed, Lathe, Ficciones
    await books[0].addTags(['sf', 'classic']);
    await books[1].addTags(['sf'], { through: { weight: 2 } });
    await books[2].addTags(['classic', 'short']);
    return { authors: [a.books.length, b.books.length], uuid: /^[0-9a-f-]{36}$/i.test(a.id) };
  });
  await step(out, 'findAllInclude', async () => {
    const rows = await Book.findAll({
      include: [{ model: Author, as: 'author', where: { name: { [Op.like]: 'Le%' } } }, { model: Tag, as: 'tags' }],
      where: { price: { [Op.gt]: 5 } }, order: [['title', 'ASC']],
    });
    return rows.map(plainBook);
  });
  await step(out, 'findAllPage', async () => {
    const rows = await Book.findAll({ order: [['title', 'DESC']], limit: 2, offset: 1 });
    return rows.map((b) => b.title);
  });
  await step(out, 'findAndCountAll', async () => {
    const r = await Book.findAndCountAll({ include: [{ model: Tag, as: 'tags', where: { label: 'sf' } }], limit: 1, offset: 0, order: [['title', 'ASC']], distinct: true });
    return { count: r.count, first: r.rows.map((b) => b.title) };
  });
  await step(out, 'findOrCreate', async () => {
    const [t1, created1] = await Tag.findOrCreate({ where: { label: 'novel' } });
    const [t2, created2] = await Tag.findOrCreate({ where: { label: 'novel' } });
    return [t1.label, created1, t2.label, created2];
  });
  // Inside a transaction findOrCreate nests one: SAVE TRANSACTION, and
  // ROLLBACK TRANSACTION to that savepoint when the insert loses a race.
  await step(out, 'findOrCreateSavepoint', async () => sq.transaction(async (t) => {
    const [, created] = await Tag.findOrCreate({ where: { label: 'essay' }, transaction: t });
    const [, again] = await Tag.findOrCreate({ where: { label: 'essay' }, transaction: t });
    const [n] = await sq.query('SELECT @@TRANCOUNT AS n', { type: QueryTypes.SELECT, transaction: t });
    return [created, again, n.n];
  }));
  await step(out, 'update', async () => {
    const [n] = await Book.update({ stock: 10 }, { where: { title: { [Op.ne]: 'Ficciones' } } });
    return n;
  });
  await step(out, 'increment', async () => {
    const b = await Book.findOne({ where: { title: 'Ficciones' } });
    await b.increment('stock', { by: 4 });
    await b.reload();
    return b.stock;
  });
  await step(out, 'destroyParanoid', async () => {
    await Book.destroy({ where: { title: 'The Lathe of Heaven' } });
    const visible = await Book.count();
    const all = await Book.count({ paranoid: false });
    await Book.restore({ where: { title: 'The Lathe of Heaven' } });
    const restored = await Book.count();
    return { visible, all, restored };
  });
  await step(out, 'destroyHard', async () => {
    const n = await Tag.destroy({ where: { label: 'novel' } });
    return [n, await Tag.count()];
  });
  await step(out, 'upsert', async () => {
    const [t1] = await Tag.upsert({ label: 'poetry' });
    const [t2] = await Tag.upsert({ label: 'poetry' });
    const a = await Author.findOne({ where: { name: 'Borges' } });
    await Author.upsert({ id: a.id, name: 'Borges', born: '1899-08-24', email: 'jlb@example.org' });
    const again = await Author.findByPk(a.id);
    return [t1.label, t2.label, again.email, await Tag.count()];
  });
  await step(out, 'managedTransaction', async () => {
    const r = await sq.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
      const b = await Book.findOne({ where: { title: 'Ficciones' }, transaction: t, lock: t.LOCK.UPDATE });
      await b.update({ stock: b.stock - 1 }, { transaction: t });
      const [lvl] = await sq.query('SELECT transaction_isolation_level AS lvl FROM sys.dm_exec_sessions WHERE session_id = @@SPID',
        { type: QueryTypes.SELECT, transaction: t });
      return lvl.lvl;
    });
    const b = await Book.findOne({ where: { title: 'Ficciones' } });
    return { isolation: r, stock: b.stock };
  });
  await step(out, 'rolledBackTransaction', async () => {
    try {
      await sq.transaction(async (t) => {
        await Tag.create({ label: 'doomed' }, { transaction: t });
        throw new Error('roll back');
      });
    } catch (e) { if (e.message !== 'roll back') throw e; }
    return Tag.count({ where: { label: 'doomed' } });
  });
  // An application lock held by one transaction: another session's attempt
  // with no wait gets -1; after the commit it gets 0. Table hints ride along.
  await step(out, 'applock', async () => {
    const getLock = 'DECLARE @r int; EXEC @r = sp_getapplock @Resource = :res, @LockMode = :mode, @LockOwner = :owner, @LockTimeout = 0; SELECT @r AS r';
    const held = [];
    await sq.transaction(async (t) => {
      const [a] = await sq.query(getLock, { replacements: { res: 'import-job', mode: 'Exclusive', owner: 'Transaction' }, type: QueryTypes.SELECT, transaction: t });
      held.push(a.r);
      const [b] = await sq.query(getLock, { replacements: { res: 'import-job', mode: 'Shared', owner: 'Session' }, type: QueryTypes.SELECT });
      held.push(b.r);
      const [n] = await sq.query('SELECT COUNT(*) AS n FROM Books WITH (UPDLOCK, ROWLOCK) WHERE stock > 0', { type: QueryTypes.SELECT, transaction: t });
      held.push(n.n);
    });
    const [c] = await sq.transaction((t) => sq.query(getLock, { replacements: { res: 'import-job', mode: 'Exclusive', owner: 'Transaction' }, type: QueryTypes.SELECT, transaction: t }));
    held.push(c.r);
    return held;
  });
  await step(out, 'rawReplacements', async () => sq.query(
    'SELECT title, price FROM Books WHERE stock >= :min AND title IN (:titles) ORDER BY title',
    { replacements: { min: 1, titles: ['Ficciones', 'The Dispossessed'] }, type: QueryTypes.SELECT }));
  await step(out, 'rawBind', async () => sq.query('SELECT COUNT(*) AS n FROM Books WHERE price > $1',
    { bind: [9], type: QueryTypes.SELECT }));
  const qi = sq.getQueryInterface();
  await step(out, 'showAllTables', async () => (await qi.showAllTables()).map((t) => (typeof t === 'string' ? t : t.tableName)).sort());
  await step(out, 'describeTable', async () => {
    const d = await qi.describeTable('Books');
    const pick = (c) => ({ type: d[c].type, allowNull: d[c].allowNull, primaryKey: d[c].primaryKey });
    return { id: pick('id'), title: pick('title'), price: pick('price'), deletedAt: pick('deletedAt') };
  });
  await step(out, 'addColumn', async () => {
    await qi.addColumn('Books', 'isbn', { type: DataTypes.STRING(20), allowNull: true });
    return Object.keys(await qi.describeTable('Books')).includes('isbn');
  });
  await step(out, 'addIndex', async () => {
    await qi.addIndex('Books', ['isbn'], { name: 'books_isbn', unique: true, where: { isbn: { [Op.ne]: null } } });
    await qi.addIndex('Books', ['authorId', 'title']);
    const idx = await qi.showIndex('Books');
    // The primary key's generated name ends in a hash of its object id.
    return idx.map((i) => i.name.replace(/^(PK__Books__)[0-9A-F]+$/, '$1…')).sort();
  });
  await step(out, 'removeColumn', async () => {
    await qi.removeIndex('Books', 'books_isbn');
    await qi.removeColumn('Books', 'isbn');
    return Object.keys(await qi.describeTable('Books')).includes('isbn');
  });
  await step(out, 'renameColumn', async () => {
    await qi.renameColumn('Tags', 'label', 'name');
    return Object.keys(await qi.describeTable('Tags'));
  });
  await sq.close();
}

main(run);
