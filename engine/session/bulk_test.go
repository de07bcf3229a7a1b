package session

import "testing"

func TestParseInsertBulk(t *testing.T) {
	tests := []struct {
		text         string
		ok, wantErr  bool
		table        string
		keepIdentity bool
	}{
		{text: "INSERT BULK [t] ([a] int, [b] nvarchar(10))", ok: true, table: "[t]"},
		{text: "  insert   bulk dbo.[t x] ([a] int) WITH (KEEP_NULLS,KEEPIDENTITY)", ok: true, table: "dbo.[t x]", keepIdentity: true},
		{text: "INSERT BULK ..[t] ([a] int)", ok: true, table: "..[t]"},
		{text: "INSERT BULK [a]]b] ([c] int)", ok: true, table: "[a]]b]"},
		{text: "INSERT BULK [t] SET FMTONLY OFF; DROP TABLE x ([a] int)", ok: true, wantErr: true},
		{text: "INSERT bulk_t VALUES (1)"},
		{text: "INSERT INTO bulk VALUES (1)"},
		{text: "SELECT 1"},
		{text: "Insert Bulk [t] ([a] int)", ok: true, table: "[t]"},
		{text: "\tiNSERT BULK [t] ([a] int)", ok: true, table: "[t]"},
		{text: "/* c */ INSERT BULK [t] ([a] int)"}, // not at the start: a statement, as before
		{text: "select 1"},
		{text: ""},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			bt, ok, err := parseInsertBulk(tc.text)
			if ok != tc.ok || (err != nil) != tc.wantErr {
				t.Fatalf("ok, err = %v, %v; want %v, error %v", ok, err, tc.ok, tc.wantErr)
			}
			if !ok || err != nil {
				return
			}
			if bt.table != tc.table || bt.keepIdentity != tc.keepIdentity {
				t.Errorf("got %q keepIdentity=%v, want %q %v", bt.table, bt.keepIdentity, tc.table, tc.keepIdentity)
			}
		})
	}
}
