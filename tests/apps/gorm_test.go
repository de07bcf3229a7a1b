package apps

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	mssql "github.com/microsoft/go-mssqldb"
	"github.com/shopspring/decimal"
	"gorm.io/driver/sqlserver"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"
)

// Audit is embedded in the models: GORM flattens its fields into the table.
type Audit struct {
	CreatedBy string `gorm:"size:64"`
	UpdatedBy string `gorm:"size:64"`
}

type Customer struct {
	ID        uint `gorm:"primaryKey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt gorm.DeletedAt `gorm:"index"`
	Name      string         `gorm:"size:100;not null"`
	Email     string         `gorm:"size:200;uniqueIndex"`
	Orders    []Order        // has-many
	Audit     `gorm:"embedded"`
}

// Order.Ref is go-mssqldb's UniqueIdentifier: a uuid.UUID scans the 16 bytes
// of a uniqueidentifier in SQL Server's byte order unswapped, on SQL Server too.
type Order struct {
	ID         uint                   `gorm:"primaryKey"`
	Ref        mssql.UniqueIdentifier `gorm:"type:uniqueidentifier"`
	CustomerID uint                   `gorm:"index"`
	Total      decimal.Decimal        `gorm:"type:decimal(12,2)"`
	PlacedAt   time.Time
	Products   []Product `gorm:"many2many:order_products;"`
	Audit      `gorm:"embedded;embeddedPrefix:audit_"`
}

type Product struct {
	ID    uint   `gorm:"primaryKey"`
	Code  string `gorm:"size:32;uniqueIndex"`
	Name  string `gorm:"size:100"`
	Stock int
}

// CustomerV2 is Customer after a release added a column with an index:
// AutoMigrate has to introspect the table and add only what is missing.
type CustomerV2 struct {
	ID        uint `gorm:"primaryKey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt gorm.DeletedAt `gorm:"index"`
	Name      string         `gorm:"size:100;not null"`
	Email     string         `gorm:"size:200;uniqueIndex"`
	Phone     string         `gorm:"size:30;index:idx_customers_phone"`
	Audit     `gorm:"embedded"`
}

func (CustomerV2) TableName() string { return "customers" }

// tLogWriter sends GORM's log (errors and the SQL that caused them) to the test log.
type tLogWriter struct{ t *testing.T }

func (w tLogWriter) Printf(format string, args ...any) { w.t.Logf(format, args...) }

func openGORM(t *testing.T, dsn string) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(sqlserver.Open(dsn), &gorm.Config{
		Logger: logger.New(tLogWriter{t}, logger.Config{LogLevel: logger.Warn, SlowThreshold: time.Hour}),
	})
	if err != nil {
		t.Fatalf("gorm.Open: %v", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sqlDB.Close() })
	return db
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestGORM(t *testing.T) {
	_, dsn := startDB(t, "gormapp")
	db := openGORM(t, dsn)

	must(t, "AutoMigrate", db.AutoMigrate(&Customer{}, &Order{}, &Product{}))
	// The second AutoMigrate of the same models finds everything in place.
	must(t, "AutoMigrate again", db.AutoMigrate(&Customer{}, &Order{}, &Product{}))
	m := db.Migrator()
	for _, tbl := range []string{"customers", "orders", "products", "order_products"} {
		if !m.HasTable(tbl) {
			t.Errorf("HasTable(%q) = false after AutoMigrate", tbl)
		}
	}
	if m.HasColumn(&CustomerV2{}, "Phone") {
		t.Errorf("HasColumn(customers, Phone) before the column was added")
	}
	must(t, "AutoMigrate V2", db.AutoMigrate(&CustomerV2{}))
	if !m.HasColumn(&CustomerV2{}, "Phone") {
		t.Errorf("HasColumn(customers, Phone) = false after AutoMigrate added it")
	}
	if !m.HasIndex(&CustomerV2{}, "idx_customers_phone") {
		t.Errorf("HasIndex(customers, idx_customers_phone) = false")
	}
	if !m.HasIndex(&Customer{}, "idx_customers_email") {
		t.Errorf("HasIndex(customers, idx_customers_email) = false")
	}
	must(t, "AutoMigrate V2 again", db.AutoMigrate(&CustomerV2{}))
	cols, err := m.ColumnTypes(&CustomerV2{})
	must(t, "ColumnTypes", err)
	if len(cols) != 9 {
		t.Errorf("ColumnTypes: %d columns, want 9", len(cols))
	}

	// Create: single, batch, and with associations.
	products := []Product{{Code: "P1", Name: "Widget", Stock: 10}, {Code: "P2", Name: "Gadget", Stock: 5}, {Code: "P3", Name: "Doohickey", Stock: 0}}
	must(t, "Create batch", db.Create(&products).Error)
	for i, p := range products {
		if p.ID == 0 {
			t.Fatalf("product %d: no ID after batch Create", i)
		}
	}
	alice := Customer{Name: "Alice", Email: "alice@example.com", Audit: Audit{CreatedBy: "test"}}
	must(t, "Create", db.Create(&alice).Error)
	if alice.ID == 0 {
		t.Fatal("Create: no ID")
	}
	placed := time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)
	bob := Customer{Name: "Bob", Email: "bob@example.com", Orders: []Order{
		{Ref: mssql.UniqueIdentifier(uuid.New()), Total: decimal.RequireFromString("19.99"), PlacedAt: placed, Products: products[:2]},
		{Ref: mssql.UniqueIdentifier(uuid.New()), Total: decimal.RequireFromString("5.01"), PlacedAt: placed.Add(time.Hour), Products: products[1:2]},
	}}
	must(t, "Create with associations", db.Create(&bob).Error)
	var joinRows int64
	must(t, "count join rows", db.Table("order_products").Count(&joinRows).Error)
	if joinRows != 3 {
		t.Errorf("order_products has %d rows, want 3", joinRows)
	}

	// Reads.
	var first Customer
	must(t, "First", db.First(&first).Error)
	if first.Name != "Alice" {
		t.Errorf("First: %q, want Alice", first.Name)
	}
	var byEmail Customer
	must(t, "Where First", db.Where("email = ?", "bob@example.com").First(&byEmail).Error)
	var withOrders Customer
	must(t, "Preload", db.Preload("Orders", func(q *gorm.DB) *gorm.DB { return q.Order("placed_at") }).Preload("Orders.Products").First(&withOrders, bob.ID).Error)
	if len(withOrders.Orders) != 2 || len(withOrders.Orders[0].Products) != 2 {
		t.Fatalf("Preload: %d orders, first with %d products; want 2 and 2", len(withOrders.Orders), len(withOrders.Orders[0].Products))
	}
	o := withOrders.Orders[0]
	if !o.Total.Equal(decimal.RequireFromString("19.99")) || o.Ref != bob.Orders[0].Ref || !o.PlacedAt.Equal(placed) {
		t.Errorf("order read back as total %s ref %s placed %s; want 19.99 %s %s", o.Total, o.Ref, o.PlacedAt, bob.Orders[0].Ref, placed)
	}
	var rich []Customer
	must(t, "Joins", db.Joins("JOIN orders ON orders.customer_id = customers.id").Where("orders.total > ?", decimal.NewFromInt(10)).Distinct().Find(&rich).Error)
	if len(rich) != 1 || rich[0].Name != "Bob" {
		t.Errorf("Joins: %+v, want Bob", rich)
	}
	type orderTotal struct {
		Name  string
		Total decimal.Decimal
	}
	var totals []orderTotal
	must(t, "Joins Select Group", db.Model(&Customer{}).Select("customers.name, SUM(orders.total) AS total").
		Joins("LEFT JOIN orders ON orders.customer_id = customers.id").Group("customers.name").Order("customers.name").Scan(&totals).Error)
	if len(totals) != 2 || !totals[1].Total.Equal(decimal.RequireFromString("25.00")) {
		t.Errorf("totals: %+v, want Alice 0 / Bob 25.00", totals)
	}

	// Updates and Save.
	must(t, "Updates", db.Model(&alice).Updates(map[string]any{"name": "Alice B", "updated_by": "u1"}).Error)
	must(t, "Update expr", db.Model(&Product{}).Where("code = ?", "P1").Update("stock", gorm.Expr("stock - ?", 3)).Error)
	alice.Name = "Alice C"
	must(t, "Save", db.Save(&alice).Error)
	var p1 Product
	must(t, "First P1", db.Where(&Product{Code: "P1"}).First(&p1).Error)
	if p1.Stock != 7 {
		t.Errorf("stock %d, want 7", p1.Stock)
	}

	// Count and pagination (OFFSET … FETCH NEXT).
	for i := 0; i < 12; i++ {
		must(t, "Create page row", db.Create(&Customer{Name: fmt.Sprintf("C%02d", i), Email: fmt.Sprintf("c%02d@example.com", i)}).Error)
	}
	var n int64
	must(t, "Count", db.Model(&Customer{}).Where("name LIKE ?", "C%").Count(&n).Error)
	if n != 12 {
		t.Errorf("Count: %d, want 12", n)
	}
	var page []Customer
	must(t, "page", db.Where("name LIKE ?", "C%").Order("name").Offset(5).Limit(5).Find(&page).Error)
	if len(page) != 5 || page[0].Name != "C05" {
		t.Errorf("page: %d rows starting %v, want 5 from C05", len(page), page)
	}
	var limited []Customer
	must(t, "Limit without Order", db.Limit(3).Find(&limited).Error)
	if len(limited) != 3 {
		t.Errorf("Limit(3): %d rows", len(limited))
	}

	// Soft delete, then Unscoped.
	must(t, "soft Delete", db.Delete(&Customer{}, "name = ?", "C00").Error)
	must(t, "Count after soft delete", db.Model(&Customer{}).Where("name LIKE ?", "C%").Count(&n).Error)
	var all int64
	must(t, "Unscoped Count", db.Unscoped().Model(&Customer{}).Where("name LIKE ?", "C%").Count(&all).Error)
	if n != 11 || all != 12 {
		t.Errorf("after soft delete: %d visible, %d unscoped; want 11, 12", n, all)
	}
	must(t, "Unscoped Delete", db.Unscoped().Delete(&Customer{}, "name = ?", "C00").Error)
	must(t, "Unscoped Count", db.Unscoped().Model(&Customer{}).Where("name LIKE ?", "C%").Count(&all).Error)
	if all != 11 {
		t.Errorf("after Unscoped Delete: %d rows, want 11", all)
	}

	// Transaction with a nested transaction (a savepoint) rolled back.
	errRollback := errors.New("roll back the inner one")
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&Product{Code: "T1", Name: "kept"}).Error; err != nil {
			return err
		}
		if err := tx.Transaction(func(tx2 *gorm.DB) error {
			if err := tx2.Create(&Product{Code: "T2", Name: "rolled back"}).Error; err != nil {
				return err
			}
			return errRollback
		}); !errors.Is(err, errRollback) {
			return fmt.Errorf("nested transaction: %v", err)
		}
		tx.SavePoint("sp1")
		tx.Create(&Product{Code: "T3", Name: "to savepoint"})
		tx.RollbackTo("sp1")
		return nil
	})
	must(t, "Transaction", err)
	var codes []string
	must(t, "Pluck", db.Model(&Product{}).Where("code LIKE ?", "T%").Order("code").Pluck("code", &codes).Error)
	if fmt.Sprint(codes) != "[T1]" {
		t.Errorf("after the transaction: %v, want [T1]", codes)
	}
	// A failed transaction leaves nothing.
	err = db.Transaction(func(tx *gorm.DB) error {
		tx.Create(&Product{Code: "T4"})
		return tx.Create(&Product{Code: "T1"}).Error // duplicate key
	})
	if err == nil {
		t.Error("duplicate key inside Transaction: no error")
	}

	// Upsert: the SQL Server dialect turns ON CONFLICT into a MERGE on the
	// primary key when the rows carry their keys (else it sends a plain INSERT).
	upsert := []Product{{ID: products[0].ID, Code: "P1", Name: "Widget v2", Stock: 100}, {ID: 1000, Code: "P9", Name: "New", Stock: 1}}
	must(t, "OnConflict DoUpdates", db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "id"}},
		DoUpdates: clause.AssignmentColumns([]string{"name", "stock"}),
	}).Create(&upsert).Error)
	must(t, "OnConflict DoNothing", db.Clauses(clause.OnConflict{DoNothing: true}).Create(&Product{ID: products[1].ID, Code: "P2", Name: "ignored"}).Error)
	var ps []Product
	must(t, "Find products", db.Where("code IN ?", []string{"P1", "P2", "P9"}).Order("code").Find(&ps).Error)
	if len(ps) != 3 || ps[0].Name != "Widget v2" || ps[0].Stock != 100 || ps[1].Name != "Gadget" || ps[2].Name != "New" || ps[2].ID == 1000 {
		t.Errorf("after upsert: %+v", ps)
	}

	// Raw and Scan.
	var raw struct {
		Cnt int
		Max decimal.Decimal
	}
	must(t, "Raw Scan", db.Raw("SELECT COUNT(*) AS cnt, MAX(total) AS max FROM orders WHERE customer_id = @cid", map[string]any{"cid": bob.ID}).Scan(&raw).Error)
	if raw.Cnt != 2 || !raw.Max.Equal(decimal.RequireFromString("19.99")) {
		t.Errorf("Raw: %+v", raw)
	}
	must(t, "Exec", db.Exec("UPDATE products SET stock = stock + ? WHERE code = ?", 1, "P3").Error)

	// Associations API: replace the many-to-many set.
	var o2 Order
	must(t, "First order", db.First(&o2, bob.Orders[1].ID).Error)
	must(t, "Association Replace", db.Model(&o2).Association("Products").Replace(&products[0], &products[2]))
	if c := db.Model(&o2).Association("Products").Count(); c != 2 {
		t.Errorf("Association Count: %d, want 2", c)
	}

	// DropTable.
	must(t, "DropTable", m.DropTable("order_products"))
	if m.HasTable("order_products") {
		t.Error("HasTable after DropTable")
	}
	must(t, "RenameColumn", m.RenameColumn(&Product{}, "stock", "quantity"))
	if !m.HasColumn(&Product{}, "quantity") {
		t.Error("HasColumn(quantity) after RenameColumn")
	}
	must(t, "DropIndex", m.DropIndex(&CustomerV2{}, "idx_customers_phone"))
	if m.HasIndex(&CustomerV2{}, "idx_customers_phone") {
		t.Error("HasIndex after DropIndex")
	}
}
