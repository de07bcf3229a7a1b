package catalog

import (
	"bytes"
	"testing"
	"time"
)

// TestModuleTextsPersist: definitions as the user wrote them (comments,
// CR LF, non-ASCII text) and the WITH ENCRYPTION mark survive Encode and
// Decode byte for byte, and a catalog written before either existed (a
// canonical one-line text, no "encrypted" key) still decodes, unencrypted.
func TestModuleTextsPersist(t *testing.T) {
	d := NewDatabase("db", 5, time.Unix(0, 0).UTC()).Clone()
	procText := "-- häder\r\n/* x */\r\nCREATE PROCEDURE dbo.p\r\nAS\r\n\tSELECT N'ü' -- tail\r\n"
	d.Procedures[Key("dbo", "p")] = &Procedure{ID: 10, Schema: "dbo", Name: "p", Text: procText}
	d.Views[Key("dbo", "v")] = &View{ID: 11, Schema: "dbo", Name: "v", Text: "CREATE VIEW dbo.v WITH ENCRYPTION AS SELECT 1 AS a\n", Encrypted: true}
	d.Functions[Key("dbo", "f")] = &Module{ID: 12, Schema: "dbo", Name: "f", Type: "FN", Text: "create function dbo.f() returns int as begin return 1 end"}
	b, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if p := back.Procedures[Key("dbo", "p")]; p.Text != procText || p.Encrypted {
		t.Fatalf("procedure: %q encrypted=%v", p.Text, p.Encrypted)
	}
	if v := back.Views[Key("dbo", "v")]; !v.Encrypted {
		t.Fatal("view lost WITH ENCRYPTION")
	}
	if f := back.Functions[Key("dbo", "f")]; f.Encrypted || f.Text != "create function dbo.f() returns int as begin return 1 end" {
		t.Fatalf("function: %+v", f)
	}
	// The form an older version wrote: no "encrypted" key anywhere.
	old := bytes.ReplaceAll(b, []byte(`"encrypted":true,`), nil)
	if bytes.Contains(old, []byte("encrypted")) {
		t.Fatalf("test setup: %s", old)
	}
	if back, err = Decode(old); err != nil {
		t.Fatal(err)
	}
	if v := back.Views[Key("dbo", "v")]; v.Encrypted || v.Text == "" {
		t.Fatalf("older catalog's view: %+v", v)
	}
}
