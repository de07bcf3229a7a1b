package catalog

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func tableNamed(id int32, name string) *Table {
	return &Table{ID: id, Schema: "dbo", Name: name, Indexes: []*Index{{IndexID: 0}}}
}

// TestNameKeysFollowCollation: a case-sensitive database keys T and t
// apart (both exist), a case-insensitive one as one name; a case-sensitive
// catalog an older release keyed lower-cased decodes keyed in its names'
// case, foreign keys and triggers following their tables; and making a
// database holding T and t case-insensitive is a NameCollision that leaves
// it unchanged.
func TestNameKeysFollowCollation(t *testing.T) {
	d := NewDatabase("db", 5, time.Unix(0, 0).UTC()).Clone()
	if d.Key("DBO", "T") != "dbo.t" || !d.SameName("T", "t") {
		t.Fatalf("CI key %q", d.Key("DBO", "T"))
	}
	d.Collation = types.Latin1GeneralCSAS
	if d.Key("DBO", "T") != "dbo.T" || d.SameName("T", "t") {
		t.Fatalf("CS key %q", d.Key("DBO", "T"))
	}
	// As an older release wrote it: lower-cased keys in a CS database.
	parent, child := tableNamed(10, "Parent"), tableNamed(11, "Child")
	child.ForeignKeys = []*ForeignKey{{ID: 12, Name: "FK", RefTable: "dbo.parent"}}
	d.Tables["dbo.parent"], d.Tables["dbo.child"] = parent, child
	d.Triggers["dbo.trg"] = &Module{ID: 13, Schema: "dbo", Name: "Trg", Type: "TR", Table: "dbo.child"}
	b, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Table("dbo", "Parent") == nil || back.Table("dbo", "parent") != nil || back.Triggers["dbo.Trg"] == nil {
		t.Fatalf("keys after decode: %v %v", back.Tables, back.Triggers)
	}
	if fk := back.Table("dbo", "Child").ForeignKeys[0]; fk.RefTable != "dbo.Parent" {
		t.Fatalf("RefTable %q", fk.RefTable)
	}
	if m := back.Triggers["dbo.Trg"]; m.Table != "dbo.Child" || len(back.TableTriggers("dbo.Child")) != 1 {
		t.Fatalf("trigger table %q", m.Table)
	}
	// T and t coexist; made case-insensitive they collide.
	back.Tables[back.Key("dbo", "parent")] = tableNamed(14, "parent")
	if !back.ObjectExists("dbo", "parent") || back.ObjectExists("dbo", "PARENT") {
		t.Fatal("ObjectExists ignores case in a CS database")
	}
	back.Collation = types.DefaultCollation
	var dup *NameCollision
	if err := back.Rekey(); !errors.As(err, &dup) || dup.SchemaID != 1 || dup.Name != "parent" {
		t.Fatalf("Rekey = %v", err)
	}
	if back.Tables["dbo.Parent"] == nil || back.Tables["dbo.parent"] == nil {
		t.Fatal("a failed Rekey changed the maps")
	}
}
