package catalog

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// FuzzDecodeDatabase: a database's catalog (its JSON in the database's own
// store, in a backup set, in a DDL log record) is read when the database
// opens, is restored or redoes DDL; whatever it holds decodes to a catalog
// whose lookups and load-time walks work, or to an error wrapping ErrCorrupt
// (the engine marks the database SUSPECT) or a NewerFormatError (948), never
// to a panic.
func FuzzDecodeDatabase(f *testing.F) {
	d := NewDatabase("shop", 5, time.Unix(1700000000, 0).UTC())
	d.Tables[Key("dbo", "p")] = &Table{ID: 245575914, Schema: "dbo", Name: "p",
		Columns: []*Column{{ID: 1, Name: "id", Type: types.TypeInt}, {ID: 2, Name: "name", Type: types.NVarCharType(20), Nullable: true}},
		Indexes: []*Index{{IndexID: 1, Name: "pk", StoreID: FirstStoreID, Columns: []IndexColumn{{Column: 0}}, Unique: true, Primary: true, Clustered: true},
			{IndexID: 2, Name: "ix", StoreID: FirstStoreID + 1, Columns: []IndexColumn{{Column: 1}}, Included: []int{0}}},
		Statistics:  []*Statistics{{ID: 3, Name: "s", Columns: []int{1}}},
		ForeignKeys: []*ForeignKey{{ID: 7, Name: "fk", Columns: []int{0}, RefTable: "dbo.p", RefColumns: []int{0}}}}
	d.Views[Key("dbo", "v")] = &View{ID: 9, Schema: "dbo", Name: "v", Text: "CREATE VIEW v AS SELECT 1 AS a", Indexes: []*ViewIndex{{Name: "cx", IndexID: 1, Columns: []string{"a"}}}}
	d.Users = append(d.Users, &User{ID: 5, Name: "u"})
	b, err := d.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"version":1,"schemas":[null],"tables":{"dbo.t":null}}`))
	f.Add([]byte(`{"version":1,"tables":{"dbo.t":{"id":1,"schema":"dbo","name":"t","indexes":[]}}}`))
	f.Add([]byte(`{"version":1,"tables":{"dbo.t":{"id":1,"columns":[],"indexes":[{"index_id":1,"columns":[{"column":3}]}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(b)
		if err != nil {
			var newer *NewerFormatError
			if !errors.Is(err, ErrCorrupt) && !errors.As(err, &newer) {
				t.Fatalf("error %v is neither ErrCorrupt nor NewerFormatError", err)
			}
			return
		}
		d.Schema("dbo")
		d.SchemaByID(1)
		d.Table("dbo", "p")
		d.TableByID(245575914)
		d.ObjectExists("dbo", "v")
		d.UserType("dbo", "t")
		d.SortedUserTypes()
		d.SortedPartitionFunctions()
		d.SortedPartitionSchemes()
		d.TableTriggers("dbo.p")
		d.PrincipalID("u")
		for _, tb := range d.SortedTables() {
			// What opening the database (identities, heaps) and BACKUP walk.
			rs := tb.RowStore()
			_ = rs.IsHeap()
			tb.PrimaryKey()
			tb.ColumnTypes()
			tb.ConstraintNames()
			tb.IdentityColumn()
			tb.Column("id")
			for _, ix := range tb.Indexes {
				for _, c := range ix.Columns {
					_ = tb.Columns[c.Column].Type
				}
				for _, c := range ix.Included {
					_ = tb.Columns[c].Type
				}
			}
		}
		if _, err := d.Clone().Encode(); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}
