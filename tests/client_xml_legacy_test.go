package tests

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientLegacyXML reads the two legacy XML features through
// go-mssqldb: a FOR XML EXPLICIT result (the nvarchar(max) column SQL
// Server names XML_F52E2B61-…, and an xml column with TYPE), and an
// OPENXML result whose columns arrive with their declared types. The
// document handle comes back from sp_xml_preparedocument called as an RPC
// with an OUTPUT parameter, and is used from a later request of the same
// connection; another connection cannot use it (6607).
func TestClientLegacyXML(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "legacyxml"})
	db := srv.DB("master")
	ctx := context.Background()
	mustExec(t, db, "CREATE TABLE dbo.xcust (id int PRIMARY KEY, name nvarchar(20))")
	mustExec(t, db, "CREATE TABLE dbo.xord (id int PRIMARY KEY, cust int, total decimal(8,2))")
	mustExec(t, db, "INSERT dbo.xcust VALUES (1, N'Ann & Co'), (2, N'Bob')")
	mustExec(t, db, "INSERT dbo.xord VALUES (10, 1, 5.50), (11, 1, 7.25), (12, 2, 1.00)")

	const explicit = `SELECT 1 AS Tag, NULL AS Parent, c.id AS [Customer!1!id], c.name AS [Customer!1!name],
	NULL AS [Order!2!id], NULL AS [Order!2!!element]
FROM dbo.xcust AS c
UNION ALL
SELECT 2, 1, c.id, NULL, o.id, o.total FROM dbo.xcust AS c JOIN dbo.xord AS o ON o.cust = c.id
ORDER BY [Customer!1!id], [Order!2!id]
FOR XML EXPLICIT`
	const want = `<Customer id="1" name="Ann &amp; Co"><Order id="10">5.50</Order><Order id="11">7.25</Order></Customer>` +
		`<Customer id="2" name="Bob"><Order id="12">1.00</Order></Customer>`
	t.Run("explicit", func(t *testing.T) {
		for _, tc := range []struct{ suffix, col, typ string }{
			{"", "XML_F52E2B61-18A1-11d1-B105-00805F49916B", "NVARCHAR"},
			{", TYPE", "", "XML"},
		} {
			rows, err := db.QueryContext(ctx, explicit+tc.suffix)
			if err != nil {
				t.Fatal(err)
			}
			cts, err := rows.ColumnTypes()
			if err != nil {
				t.Fatal(err)
			}
			if len(cts) != 1 || cts[0].Name() != tc.col || cts[0].DatabaseTypeName() != tc.typ {
				t.Errorf("FOR XML EXPLICIT%s: column %q %s, want %q %s", tc.suffix, cts[0].Name(), cts[0].DatabaseTypeName(), tc.col, tc.typ)
			}
			var got string
			if !rows.Next() {
				t.Fatalf("FOR XML EXPLICIT%s: no row (%v)", tc.suffix, rows.Err())
			}
			if err := rows.Scan(&got); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if got != want {
				t.Errorf("FOR XML EXPLICIT%s:\n got %s\nwant %s", tc.suffix, got, want)
			}
		}
	})

	t.Run("openxml", func(t *testing.T) {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var h int32
		doc := `<ROOT><Order OrderID="10248" OrderDate="1996-07-04T00:00:00" Total="32.38" Shipped="1"><Note>fragile</Note></Order>` +
			`<Order OrderID="10283" OrderDate="1996-08-16T10:30:00" Total="1.5" Shipped="0"/></ROOT>`
		if _, err := conn.ExecContext(ctx, "sp_xml_preparedocument", sql.Named("hdoc", sql.Out{Dest: &h}), sql.Named("xmltext", doc)); err != nil {
			t.Fatal(err)
		}
		if h <= 0 {
			t.Fatalf("sp_xml_preparedocument returned handle %d", h)
		}
		rows, err := conn.QueryContext(ctx, `SELECT * FROM OPENXML(@p1, '/ROOT/Order', 3)
			WITH (OrderID int, OrderDate datetime, Total decimal(10,2), Shipped bit, Note nvarchar(20), node bigint '@mp:id')`, h)
		if err != nil {
			t.Fatal(err)
		}
		cts, err := rows.ColumnTypes()
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, ct := range cts {
			types = append(types, ct.DatabaseTypeName())
		}
		if got := strings.Join(types, ","); got != "INT,DATETIME,DECIMAL,BIT,NVARCHAR,BIGINT" {
			t.Errorf("column types %s", got)
		}
		type order struct {
			id    int64
			date  time.Time
			total string
			ship  bool
			note  sql.NullString
			node  int64
		}
		var got []order
		for rows.Next() {
			var o order
			if err := rows.Scan(&o.id, &o.date, &o.total, &o.ship, &o.note, &o.node); err != nil {
				t.Fatal(err)
			}
			got = append(got, o)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		wantRows := []order{
			{10248, time.Date(1996, 7, 4, 0, 0, 0, 0, time.UTC), "32.38", true, sql.NullString{String: "fragile", Valid: true}, 1},
			{10283, time.Date(1996, 8, 16, 10, 30, 0, 0, time.UTC), "1.50", false, sql.NullString{}, 0},
		}
		if len(got) != len(wantRows) {
			t.Fatalf("%d rows, want %d: %+v", len(got), len(wantRows), got)
		}
		for i, w := range wantRows {
			g := got[i]
			g.node, w.node = 0, 0 // ids are checked by the corpus; here only that they scan
			if g != w {
				t.Errorf("row %d: got %+v, want %+v", i, got[i], wantRows[i])
			}
		}
		// The handle is the session's: another connection gets 6607.
		other, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		_, err = other.ExecContext(ctx, "SELECT * FROM OPENXML(@p1, '/ROOT/Order') WITH (OrderID int)", h)
		var se mssql.Error
		if !errors.As(err, &se) || se.Number != 6607 {
			t.Errorf("OPENXML with another session's handle: %v, want error 6607", err)
		}
		if _, err := conn.ExecContext(ctx, "EXEC sp_xml_removedocument @p1", h); err != nil {
			t.Fatal(err)
		}
	})
}
