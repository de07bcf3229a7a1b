package types

// Windows BIN2 collations, one for every locale whose char/varchar data is
// in a code page other than 1252: what go-mssqldb's TestLcidsFetching
// converts its sample text with (CAST(N'…' COLLATE x AS varchar)) to check
// that a client decodes each LCID with the right code page. They compare by
// code point like Latin1_General_BIN2; their LCID (with its sort bits, as
// COLLATIONPROPERTY reports it) and version travel in the column's TDS
// COLLATION ([MS-TDS] 2.2.5.1.2). The values of Collation are stored in
// catalogs, so entries are appended only.
var bin2Collations = [...]struct {
	name     string
	lcid     uint32
	version  uint8 // 0 for SQL Server 2000 collations, 1 for _90, 2 for _100
	codePage int
}{
	{"Thai_100_BIN2", 0x0000041E, 2, 874},
	{"Japanese_XJIS_100_BIN2", 0x00000411, 2, 932},
	{"Japanese_Unicode_BIN2", 0x00010411, 0, 932},
	{"Japanese_Bushu_Kakusu_100_BIN2", 0x00040411, 2, 932},
	{"Chinese_Simplified_Pinyin_100_BIN2", 0x00000804, 2, 936},
	{"Chinese_Simplified_Stroke_Order_100_BIN2", 0x00020804, 2, 936},
	{"Korean_100_BIN2", 0x00000412, 2, 949},
	{"Chinese_Traditional_Stroke_Count_100_BIN2", 0x00000404, 2, 950},
	{"Chinese_Traditional_Pinyin_100_BIN2", 0x00001404, 2, 950},
	{"Chinese_Hong_Kong_Stroke_90_BIN2", 0x00000C04, 1, 950},
	{"Chinese_Traditional_Bopomofo_100_BIN2", 0x00030404, 2, 950},
	{"Chinese_Traditional_Stroke_Order_100_BIN2", 0x00021404, 2, 950},
	{"Albanian_100_BIN2", 0x0000041C, 2, 1250},
	{"Croatian_100_BIN2", 0x0000041A, 2, 1250},
	{"Czech_100_BIN2", 0x00000405, 2, 1250},
	{"Hungarian_100_BIN2", 0x0000040E, 2, 1250},
	{"Polish_100_BIN2", 0x00000415, 2, 1250},
	{"Romanian_100_BIN2", 0x00000418, 2, 1250},
	{"Slovak_100_BIN2", 0x0000041B, 2, 1250},
	{"Slovenian_100_BIN2", 0x00000424, 2, 1250},
	{"Hungarian_Technical_100_BIN2", 0x0001040E, 2, 1250},
	{"Turkmen_100_BIN2", 0x00000442, 2, 1250},
	{"Serbian_Latin_100_BIN2", 0x0000081A, 2, 1250},
	{"Bosnian_Latin_100_BIN2", 0x0000141A, 2, 1250},
	{"Macedonian_FYROM_100_BIN2", 0x0000042F, 2, 1251},
	{"Cyrillic_General_100_BIN2", 0x00000419, 2, 1251},
	{"Serbian_Cyrillic_100_BIN2", 0x00000C1A, 2, 1251},
	{"Ukrainian_100_BIN2", 0x00000422, 2, 1251},
	{"Kazakh_100_BIN2", 0x0000043F, 2, 1251},
	{"Tatar_100_BIN2", 0x00000444, 2, 1251},
	{"Azeri_Cyrillic_100_BIN2", 0x0000082C, 2, 1251},
	{"Bashkir_100_BIN2", 0x0000046D, 2, 1251},
	{"Yakut_100_BIN2", 0x00000485, 2, 1251},
	{"Bosnian_Cyrillic_100_BIN2", 0x0000201A, 2, 1251},
	{"Greek_100_BIN2", 0x00000408, 2, 1253},
	{"Turkish_100_BIN2", 0x0000041F, 2, 1254},
	{"Azeri_Latin_100_BIN2", 0x0000042C, 2, 1254},
	{"Uzbek_Latin_100_BIN2", 0x00000443, 2, 1254},
	{"Hebrew_100_BIN2", 0x0000040D, 2, 1255},
	{"Arabic_100_BIN2", 0x00000401, 2, 1256},
	{"Persian_100_BIN2", 0x00000429, 2, 1256},
	{"Urdu_100_BIN2", 0x00000420, 2, 1256},
	{"Uighur_100_BIN2", 0x00000480, 2, 1256},
	{"Dari_100_BIN2", 0x0000048C, 2, 1256},
	{"Estonian_100_BIN2", 0x00000425, 2, 1257},
	{"Latvian_100_BIN2", 0x00000426, 2, 1257},
	{"Lithuanian_100_BIN2", 0x00000427, 2, 1257},
	{"Vietnamese_100_BIN2", 0x0000042A, 2, 1258},
}

// firstBIN2 is the Collation of bin2Collations[0].
const firstBIN2 = numNamedCollations

// firstV100 is the Collation of v100Collations[0] (collation_v100.go).
const firstV100 = numNamedCollations + Collation(len(bin2Collations))

// numCollations counts every supported collation.
const numCollations = firstV100 + Collation(len(v100Collations))

// Collations lists every supported collation in Collation order (for
// sys.fn_helpcollations and sys.fn_helpcollations-based checks).
func Collations() []Collation {
	cs := make([]Collation, numCollations)
	for i := range cs {
		cs[i] = Collation(i)
	}
	return cs
}
