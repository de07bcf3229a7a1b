package apps

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mssqldialect"
)

// bun talks to SQL Server through database/sql and go-mssqldb with its
// mssqldialect (OUTPUT for Returning, OFFSET/FETCH, MERGE, SAVE TRANSACTION).

type bunAuthor struct {
	bun.BaseModel `bun:"table:authors"`
	ID            int64      `bun:"id,pk,autoincrement"`
	Name          string     `bun:"name,notnull"`
	Books         []*bunBook `bun:"rel:has-many,join:id=author_id"`
}

type bunBook struct {
	bun.BaseModel `bun:"table:books"`
	ID            int64      `bun:"id,pk,autoincrement"`
	AuthorID      int64      `bun:"author_id,notnull"`
	Author        *bunAuthor `bun:"rel:belongs-to,join:author_id=id"`
	Title         string     `bun:"title,notnull"`
	Pages         int        `bun:"pages"`
	Published     time.Time  `bun:"published,nullzero"`
	Price         float64    `bun:"price"`
}

func TestBun(t *testing.T) {
	ctx := context.Background()
	_, dsn := startDB(t, "bunapp")
	db := bun.NewDB(openDB(t, dsn), mssqldialect.New())

	for _, m := range []any{(*bunAuthor)(nil), (*bunBook)(nil)} {
		if _, err := db.NewCreateTable().Model(m).IfNotExists().Exec(ctx); err != nil {
			t.Fatalf("CreateTable %T: %v", m, err)
		}
	}
	// mssqldialect has no feature.TableNotExists: IfNotExists sends a plain
	// CREATE TABLE, which gets 2714 from SQL Server for an existing table.
	_, err := db.NewCreateTable().Model((*bunAuthor)(nil)).IfNotExists().Exec(ctx)
	if !strings.Contains(fmt.Sprint(err), "There is already an object named 'authors' in the database.") {
		t.Fatalf("CreateTable of an existing table: %v, want 2714", err)
	}
	if _, err := db.NewCreateIndex().Model((*bunBook)(nil)).Index("ix_books_author").Column("author_id").Exec(ctx); err != nil {
		t.Fatalf("CreateIndex: %v", err)
	}

	// Insert with Returning: OUTPUT INSERTED.
	ann := &bunAuthor{Name: "Ann"}
	if _, err := db.NewInsert().Model(ann).Returning("INSERTED.id").Exec(ctx); err != nil {
		t.Fatalf("Insert Returning: %v", err)
	}
	if ann.ID == 0 {
		t.Fatal("Insert: no id from OUTPUT")
	}
	bob := &bunAuthor{Name: "Bob"}
	if _, err := db.NewInsert().Model(bob).Exec(ctx); err != nil {
		t.Fatalf("Insert: %v", err)
	}
	if bob.ID == 0 || bob.ID == ann.ID {
		t.Fatalf("Insert: ids %d, %d", ann.ID, bob.ID)
	}
	pub := time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)
	books := []*bunBook{
		{AuthorID: ann.ID, Title: "First", Pages: 100, Published: pub, Price: 9.5},
		{AuthorID: ann.ID, Title: "Second", Pages: 250, Price: 20},
		{AuthorID: bob.ID, Title: "Third", Pages: 80, Published: pub.AddDate(1, 0, 0), Price: 5.25},
	}
	if _, err := db.NewInsert().Model(&books).Exec(ctx); err != nil {
		t.Fatalf("bulk Insert: %v", err)
	}
	for _, b := range books {
		if b.ID == 0 {
			t.Fatalf("bulk Insert: %q has no id", b.Title)
		}
	}

	// Select with relations, ordering, pagination and scalar scans.
	var authors []bunAuthor
	if err := db.NewSelect().Model(&authors).Relation("Books", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("id") }).Order("name").Scan(ctx); err != nil {
		t.Fatalf("Select Relation has-many: %v", err)
	}
	if len(authors) != 2 || len(authors[0].Books) != 2 || authors[0].Books[1].Title != "Second" || len(authors[1].Books) != 1 {
		t.Fatalf("Relation has-many: %+v", authors)
	}
	var withAuthor []bunBook
	if err := db.NewSelect().Model(&withAuthor).Relation("Author").Where("?TableAlias.pages > ?", 90).OrderExpr("?TableAlias.id").Scan(ctx); err != nil {
		t.Fatalf("Select Relation belongs-to: %v", err)
	}
	if len(withAuthor) != 2 || withAuthor[0].Author == nil || withAuthor[0].Author.Name != "Ann" {
		t.Fatalf("Relation belongs-to: %+v", withAuthor)
	}
	if !withAuthor[0].Published.Equal(pub) || !withAuthor[1].Published.IsZero() {
		t.Errorf("published read back as %v and %v", withAuthor[0].Published, withAuthor[1].Published)
	}
	var page []bunBook
	var count int64
	count, err = db.NewSelect().Model(&page).Order("id").Limit(2).Offset(1).ScanAndCount(ctx)
	if err != nil {
		t.Fatalf("ScanAndCount: %v", err)
	}
	if count != 3 || len(page) != 2 || page[0].Title != "Second" {
		t.Errorf("page: count %d, %d rows, first %+v", count, len(page), page)
	}
	exists, err := db.NewSelect().Model((*bunBook)(nil)).Where("title = ?", "Third").Exists(ctx)
	if err != nil || !exists {
		t.Errorf("Exists: %v %v", exists, err)
	}
	var total float64
	if err := db.NewSelect().Model((*bunBook)(nil)).ColumnExpr("SUM(price)").Scan(ctx, &total); err != nil || total != 34.75 {
		t.Errorf("SUM: %v %v", total, err)
	}
	var titles []string
	if err := db.NewSelect().Model((*bunBook)(nil)).Column("title").Where("author_id IN (?)", bun.In([]int64{ann.ID})).Order("title").Scan(ctx, &titles); err != nil {
		t.Fatalf("bun.In: %v", err)
	}
	if len(titles) != 2 {
		t.Errorf("bun.In: %v", titles)
	}

	// Update: a column, with Returning, and a bulk update from VALUES.
	books[0].Pages = 111
	if _, err := db.NewUpdate().Model(books[0]).Column("pages").WherePK().Exec(ctx); err != nil {
		t.Fatalf("Update Column: %v", err)
	}
	var newPrice float64
	if err := db.NewUpdate().Model((*bunBook)(nil)).Set("price = price * 2").Where("id = ?", books[2].ID).Returning("INSERTED.price").Scan(ctx, &newPrice); err != nil {
		t.Fatalf("Update Returning: %v", err)
	}
	if newPrice != 10.5 {
		t.Errorf("Update Returning: %v, want 10.5", newPrice)
	}
	books[1].Title, books[2].Title = "Second (2nd ed.)", "Third (2nd ed.)"
	if _, err := db.NewUpdate().With("_data", db.NewValues(&books)).Model((*bunBook)(nil)).TableExpr("_data").
		Set("title = _data.title").Where("books.id = _data.id").Exec(ctx); err != nil {
		t.Fatalf("bulk Update from VALUES: %v", err)
	}
	var check bunBook
	if err := db.NewSelect().Model(&check).Where("id = ?", books[2].ID).Scan(ctx); err != nil || check.Title != "Third (2nd ed.)" {
		t.Errorf("after bulk update: %+v %v", check, err)
	}

	// Upsert with MERGE.
	if _, err := db.NewMerge().Model(&bunAuthor{Name: "Cy"}).With("_data", db.NewValues(&[]*bunAuthor{{ID: bob.ID, Name: "Robert"}, {ID: 999, Name: "Cy"}})).
		Using("_data").On("?TableAlias.id = _data.id").
		WhenUpdate("MATCHED", func(q *bun.UpdateQuery) *bun.UpdateQuery { return q.Set("name = _data.name") }).
		WhenInsert("NOT MATCHED", func(q *bun.InsertQuery) *bun.InsertQuery { return q.Value("name", "_data.name") }).
		Exec(ctx); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	var names []string
	if err := db.NewSelect().Model((*bunAuthor)(nil)).Column("name").Order("name").Scan(ctx, &names); err != nil {
		t.Fatal(err)
	}
	if len(names) != 3 || names[0] != "Ann" || names[1] != "Cy" || names[2] != "Robert" {
		t.Errorf("after MERGE: %v", names)
	}

	// Transactions: RunInTx commits, an error rolls back, a savepoint inside.
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&bunBook{AuthorID: ann.ID, Title: "In tx"}).Exec(ctx); err != nil {
			return err
		}
		sp, err := tx.BeginTx(ctx, nil) // a nested bun.Tx is a SAVE TRANSACTION
		if err != nil {
			return err
		}
		if _, err := sp.NewInsert().Model(&bunBook{AuthorID: ann.ID, Title: "In savepoint"}).Exec(ctx); err != nil {
			return err
		}
		return sp.Rollback()
	})
	if err != nil {
		t.Fatalf("RunInTx: %v", err)
	}
	errAbort := errors.New("abort")
	if err := db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*bunBook)(nil)).Where("1 = 1").Exec(ctx); err != nil {
			return err
		}
		return errAbort
	}); !errors.Is(err, errAbort) {
		t.Fatalf("RunInTx rolled back: %v", err)
	}
	n, err := db.NewSelect().Model((*bunBook)(nil)).Where("title LIKE ?", "In %").Count(ctx)
	if err != nil || n != 1 {
		t.Errorf("after transactions: %d books In …, want 1 (%v)", n, err)
	}
	if n, _ := db.NewSelect().Model((*bunBook)(nil)).Count(ctx); n != 4 {
		t.Errorf("rolled-back delete: %d books, want 4", n)
	}

	// Delete (mssqldialect has no DeleteReturning), and DropTable.
	res, err := db.NewDelete().Model((*bunBook)(nil)).Where("author_id = ?", ann.ID).Where("pages IS NULL OR pages < ?", 200).Exec(ctx)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("Delete: %d rows, want 2", n)
	}
	if _, err := db.NewDropTable().Model((*bunBook)(nil)).IfExists().Exec(ctx); err != nil {
		t.Fatalf("DropTable: %v", err)
	}
	if _, err := db.NewDropTable().Model((*bunBook)(nil)).IfExists().Exec(ctx); err != nil {
		t.Fatalf("DropTable IfExists of a dropped table: %v", err)
	}
}
