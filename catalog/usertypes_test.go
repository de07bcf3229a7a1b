package catalog

import (
	"testing"
	"time"
)

func TestUserTypesPersist(t *testing.T) {
	d := NewDatabase("db", 5, time.Unix(0, 0).UTC()).Clone()
	if got := d.NewUserTypeID(); got != FirstUserTypeID {
		t.Fatalf("first id %d", got)
	}
	d.Types[Key("dbo", "Phone")] = &UserType{ID: d.NewUserTypeID(), Schema: "dbo", Name: "Phone", Base: "varchar(20)", NotNull: true}
	d.Types[Key("dbo", "IdList")] = &UserType{ID: d.NewUserTypeID(), Schema: "dbo", Name: "IdList", Text: "CREATE TYPE dbo.IdList AS TABLE (id int)", ObjectID: 99}
	b, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		schema, name string
		id           int32
		table        bool
	}{
		{"dbo", "phone", 257, false},
		{"DBO", "IDLIST", 258, true},
	}
	for _, tc := range tests {
		ut := back.UserType(tc.schema, tc.name)
		if ut == nil || ut.ID != tc.id || ut.IsTable() != tc.table || back.UserTypeByID(tc.id) != ut {
			t.Fatalf("%s.%s: %+v", tc.schema, tc.name, ut)
		}
	}
	if s := back.SortedUserTypes(); len(s) != 2 || s[0].Name != "Phone" || !s[0].NotNull {
		t.Fatalf("sorted %+v", s)
	}
	if got := back.NewUserTypeID(); got != 259 {
		t.Fatalf("next id %d", got)
	}
}
