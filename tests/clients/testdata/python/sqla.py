"""SQLAlchemy 1.4 Core and ORM against mirrorsql through one dialect.

Usage: sqla.py pymssql|pyodbc (connection from the environment as dbapi.py).
Prints one line per check, compared with a golden file by the Go test.
"""
import datetime
import decimal
import os
import sys
import urllib.parse

import sqlalchemy as sa
from sqlalchemy import orm

DRIVER = sys.argv[1]
HOST = os.environ["MIRRORSQL_HOST"]
PORT = os.environ["MIRRORSQL_PORT"]
PASSWORD = os.environ["MIRRORSQL_PASSWORD"]
P = "sa_" + DRIVER + "_"  # table prefix, unique per driver

if DRIVER == "pymssql":
    URL = "mssql+pymssql://sa:%s@%s:%s/master" % (urllib.parse.quote_plus(PASSWORD), HOST, PORT)
else:
    URL = "mssql+pyodbc:///?odbc_connect=" + urllib.parse.quote_plus(
        "DRIVER=" + os.environ["MIRRORSQL_ODBC_DRIVER"] + ";SERVER=" + HOST + ";PORT=" + PORT +
        ";UID=sa;PWD=" + PASSWORD + ";DATABASE=master;TDS_Version=7.4;ClientCharset=UTF-8")


def show(label, value):
    print(label + ": " + repr(value))


engine = sa.create_engine(URL, future=True)
metadata = sa.MetaData()

author = sa.Table(
    P + "author", metadata,
    sa.Column("id", sa.Integer, sa.Identity(start=1, increment=1), primary_key=True),
    sa.Column("name", sa.Unicode(100), nullable=False, unique=True),
    sa.Column("born", sa.Date),
    sa.Column("created", sa.DateTime, server_default=sa.text("'2020-01-01T00:00:00'")),
    sa.Column("rating", sa.Numeric(5, 2), server_default="3.50"),
)
book = sa.Table(
    P + "book", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("author_id", sa.Integer, sa.ForeignKey(P + "author.id", ondelete="CASCADE"), nullable=False),
    sa.Column("title", sa.Unicode(200), nullable=False),
    sa.Column("price", sa.Numeric(10, 2)),
    sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_" + P + "book_title", "title"),
    sa.Index("ix_" + P + "book_author_title", "author_id", "title", unique=True),
)
ticket = sa.Table(
    P + "ticket", metadata,
    sa.Column("id", sa.Integer, sa.Sequence(P + "ticket_seq", start=5), primary_key=True),
    sa.Column("what", sa.Unicode(20)),
)


def main():
    with engine.connect() as c:
        show("server_version_info", engine.dialect.server_version_info)
        show("default_schema_name", engine.dialect.default_schema_name)
        show("isolation level", c.get_isolation_level())

    metadata.drop_all(engine)
    metadata.create_all(engine)
    show("tables exist", sorted(t for t in sa.inspect(engine).get_table_names() if t.startswith(P)))

    # --- Core: insert with identity (OUTPUT inserted / SCOPE_IDENTITY), select, update, delete
    with engine.begin() as c:
        r = c.execute(author.insert().values(name="Ada", born=datetime.date(1815, 12, 10)))
        show("inserted_primary_key", tuple(r.inserted_primary_key))
        r = c.execute(author.insert(), [{"name": "Brontë"}, {"name": "Cervantes"}])
        show("executemany rowcount", r.rowcount)
        c.execute(book.insert(), [
            {"id": 1, "author_id": 1, "title": "Notes", "price": decimal.Decimal("9.99")},
            {"id": 2, "author_id": 2, "title": "Jane Eyre", "price": decimal.Decimal("12.50"), "published": True},
            {"id": 3, "author_id": 2, "title": "Shirley", "price": None},
            {"id": 4, "author_id": 3, "title": "Quixote", "price": decimal.Decimal("20.00"), "published": True},
        ])
    with engine.connect() as c:
        rows = c.execute(sa.select(author.c.id, author.c.name, author.c.created, author.c.rating)
                         .order_by(author.c.id)).all()
        show("authors", [tuple(r) for r in rows])
        j = sa.select(author.c.name, sa.func.count(book.c.id).label("n")).join_from(author, book) \
            .group_by(author.c.name).order_by(author.c.name)
        show("join group by", [tuple(r) for r in c.execute(j)])
        page = sa.select(book.c.title).order_by(book.c.id).limit(2).offset(1)
        show("limit/offset", c.execute(page).scalars().all())
        show("limit only", c.execute(sa.select(book.c.title).order_by(book.c.id).limit(1)).scalars().all())
        r = c.execute(book.update().where(book.c.price.is_(None)).values(price=decimal.Decimal("1.00")))
        show("update rowcount", r.rowcount)
        r = c.execute(book.delete().where(book.c.id == 4))
        show("delete rowcount", r.rowcount)
        c.rollback()
        show("after rollback", c.execute(sa.select(sa.func.count()).select_from(book)).scalar())
        show("bound params", c.execute(sa.select(book.c.id).where(book.c.title.in_(["Notes", "Shirley"]))
                                       .where(book.c.price > decimal.Decimal("0")).order_by(book.c.id))
             .scalars().all())

    # --- a Sequence() primary key (create_all asked INFORMATION_SCHEMA.SEQUENCES first)
    with engine.begin() as c:
        keys = [tuple(c.execute(ticket.insert().values(what=w)).inserted_primary_key) for w in ("a", "b")]
        show("sequence keys", keys)
        show("has_sequence", sa.inspect(c).has_sequence(P + "ticket_seq"))

    # --- a temporary table on a connection in a transaction
    with engine.connect() as c:
        c.exec_driver_sql("CREATE TABLE #" + P + "tmp (x int)")
        show("has_table temp", sa.inspect(c).has_table("#" + P + "tmp"))
        show("temp columns", [col["name"] for col in sa.inspect(c).get_columns("#" + P + "tmp")])

    # --- reflection
    insp = sa.inspect(engine)
    for col in insp.get_columns(P + "book"):
        show("column", (col["name"], str(col["type"]), col["nullable"], col.get("default"),
                        col.get("autoincrement")))
    show("author identity", [(c["name"], c.get("identity")) for c in insp.get_columns(P + "author")
                             if c.get("identity")])
    show("pk", insp.get_pk_constraint(P + "book")["constrained_columns"])
    fks = insp.get_foreign_keys(P + "book")
    show("fks", [(f["constrained_columns"], f["referred_table"], f["referred_columns"], f.get("options"))
                 for f in fks])
    show("indexes", sorted((i["name"], i["column_names"], bool(i["unique"]))
                           for i in insp.get_indexes(P + "book")))
    reflected = sa.Table(P + "book", sa.MetaData(), autoload_with=engine)
    show("autoload columns", [c.name for c in reflected.columns])
    show("autoload fk", sorted(str(fk.target_fullname) for fk in reflected.foreign_keys))
    show("has_table", (insp.has_table(P + "book"), insp.has_table(P + "nope")))
    show("views", [v for v in insp.get_view_names() if v.startswith(P)])

    # --- ORM
    Base = orm.declarative_base()

    class Author(Base):
        __table__ = author
        books = orm.relationship("Book", back_populates="author", order_by="Book.id",
                                 cascade="all, delete-orphan")

    class Book(Base):
        __table__ = book
        author = orm.relationship(Author, back_populates="books")

    with orm.Session(engine) as s:
        a = Author(name="Dostoevsky", born=datetime.date(1821, 11, 11))
        a.books = [Book(id=10, title="Idiot", price=decimal.Decimal("8.00")),
                   Book(id=11, title="Demons")]
        s.add(a)
        s.flush()
        show("orm identity after flush", a.id)
        s.commit()
        got = s.execute(sa.select(Author).where(Author.name == "Dostoevsky")).scalar_one()
        show("orm relationship", [b.title for b in got.books])
        q = s.execute(sa.select(Book.title, Author.name).join(Book.author)
                      .where(Author.born < datetime.date(1900, 1, 1)).order_by(Book.id)
                      .offset(1).limit(2)).all()
        show("orm join offset/limit", [tuple(r) for r in q])
        got.books[0].price = decimal.Decimal("9.50")
        s.commit()
        show("orm update", s.get(Book, 10).price)

        # savepoint: the nested part rolls back, the outer commits
        s.add(Book(id=12, author_id=got.id, title="Kept"))
        nested = s.begin_nested()
        s.add(Book(id=13, author_id=got.id, title="Dropped"))
        s.flush()
        nested.rollback()
        s.commit()
        show("savepoint", [b.title for b in s.execute(sa.select(Book).where(Book.author_id == got.id)
                                                      .order_by(Book.id)).scalars()])

        # integrity error through the ORM, then the session is usable again
        s.add(Author(name="Ada"))
        try:
            s.commit()
            show("orm duplicate", "no error")
        except sa.exc.IntegrityError as e:
            show("orm duplicate", (type(e).__name__, type(e.orig).__name__))
            s.rollback()

        s.delete(got)
        s.commit()
        show("orm delete cascade", s.execute(sa.select(sa.func.count()).select_from(Book)
                                             .where(Book.id >= 10)).scalar())

    # --- isolation levels
    for level in ("READ UNCOMMITTED", "SERIALIZABLE", "SNAPSHOT", "READ COMMITTED"):
        try:
            with engine.connect().execution_options(isolation_level=level) as c:
                show("isolation " + level, c.get_isolation_level())
        except sa.exc.DBAPIError as e:
            show("isolation " + level, type(e.orig).__name__)

    metadata.drop_all(engine)
    show("dropped", [t for t in sa.inspect(engine).get_table_names() if t.startswith(P)])
    print("done")


main()
