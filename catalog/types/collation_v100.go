package types

// Latin1_General collations of version 100 (SQL Server 2008's sort tables,
// listed by sys.fn_helpcollations and scripted by tools and by Azure SQL
// Database, whose default catalog collation family they are). They compare
// as the version-0 Latin1_General ones do here — root-locale UCA through
// golang.org/x/text/collate, CI dropping the tertiary level, AI the
// secondary — carry LCID 1033 and version 2 in TDS COLLATION ([MS-TDS]
// 2.2.5.1.2), and keep char/varchar in code page 1252.
//
// Not here: the supplementary-character-aware (_SC) and UTF-8 (_UTF8)
// variants, which change what LEN, SUBSTRING and the other string
// functions count and how varchar is stored (utf16text.go counts UTF-16
// units under every collation), and CS_AI, which x/text cannot express
// (IgnoreDiacritics without IgnoreCase still weighs an accent's
// combining element at the tertiary level, so café <> cafe); they stay
// 448. Values of Collation are stored in catalogs, so entries are
// appended only.
var v100Collations = [...]struct {
	name        string
	ci, ai, bin bool
}{
	{name: "Latin1_General_100_CI_AS", ci: true},
	{name: "Latin1_General_100_CI_AI", ci: true, ai: true},
	{name: "Latin1_General_100_CS_AS"},
	{name: "Latin1_General_100_BIN", bin: true},
	{name: "Latin1_General_100_BIN2", bin: true},
}
