package tds

import "testing"

// winCollation builds a Windows collation (SortId 0) for lcid, case- and
// accent-insensitive (ColFlags 0x03 in bits 20-27).
func winCollation(lcid uint32) Collation {
	v := lcid | 0x03<<20
	return Collation{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24), 0}
}

// TestCodePages checks collation → code page and varchar round trips in that
// code page, with the strings go-mssqldb's TestSelect casts to varchar(max).
func TestCodePages(t *testing.T) {
	tests := []struct {
		name string
		c    Collation
		cp   int
		text string
	}{
		{"default", DefaultCollation, 1252, "héllo €"},
		{"SQL CP437 (sort 30)", Collation{0x09, 0x04, 0xD0, 0x00, 30}, 437, "héllo"},
		{"SQL CP1250 (sort 81)", Collation{0x09, 0x04, 0xD0, 0x00, 81}, 1250, "cześć"},
		{"Thai_CI_AI", winCollation(0x041E), 874, "สวัสดี"},
		{"Japanese_CI_AI", winCollation(0x0411), 932, "こんにちは"},
		{"Chinese_PRC_CI_AI", winCollation(0x0804), 936, "你好"},
		{"Korean_90_CI_AI", winCollation(0x0412), 949, "안녕하세요."},
		{"Chinese_Taiwan_Stroke_CI_AI", winCollation(0x0404), 950, "你好"},
		{"Polish_CI_AI", winCollation(0x0415), 1250, "cześć"},
		{"Cyrillic_General_CI_AI", winCollation(0x0419), 1251, "Алло"},
		{"Serbian_Cyrillic", winCollation(0x0C1A), 1251, "Здраво"},
		{"Croatian", winCollation(0x041A), 1250, "Zdravo čćž"},
		{"Greek_CI_AI", winCollation(0x0408), 1253, "Γεια σας"},
		{"Turkish_CI_AI", winCollation(0x041F), 1254, "Merhaba ğış"},
		{"Hebrew_CI_AI", winCollation(0x040D), 1255, "שלום"},
		{"Arabic_CI_AI", winCollation(0x0401), 1256, "مرحبا"},
		{"Lithuanian_CI_AI", winCollation(0x0427), 1257, "Sveiki ąč"},
		{"Vietnamese_CI_AI", winCollation(0x042A), 1258, "chào"},
		{"French_CI_AI", winCollation(0x040C), 1252, "Bonjour é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.CodePage(); got != tt.cp {
				t.Fatalf("code page %d, want %d", got, tt.cp)
			}
			for _, typ := range []TypeInfo{TypeVarChar(100), TypeText()} {
				typ.Collation = tt.c
				b, err := appendValue(nil, typ, tt.text)
				if err != nil {
					t.Fatal(err)
				}
				r := &rd{b: b}
				if isLegacyLOB(typ.ID) {
					r.take(1 + 16 + 8) // TEXTPTR
				}
				got, err := readValue(r, typ)
				if err != nil || got != tt.text {
					t.Fatalf("%#x: round trip %q, %v; want %q", typ.ID, got, err, tt.text)
				}
			}
			max := TypeVarChar(MaxLength)
			max.Collation = tt.c
			n, err := charLen(max, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := appendChars(nil, max, tt.text)
			if n != len(b) {
				t.Fatalf("charLen %d, encoded %d bytes", n, len(b))
			}
		})
	}
	// Characters outside the code page become '?', as SQL Server converts them.
	thai := TypeVarChar(10)
	thai.Collation = winCollation(0x041E)
	b, _ := appendChars(nil, thai, "aé")
	if string(b) != "a?" {
		t.Fatalf("unmappable: %q", b)
	}
}
