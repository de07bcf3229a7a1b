package exec

import (
	"encoding/binary"
	"sort"
	"unicode/utf16"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.syscomments, SQL Server 2000's table of module text, lives on as a
// compatibility view (FROM syscomments works too): one row per 4,000
// characters of each view's, procedure's, function's and trigger's
// definition, colid numbering the pieces. DBA scripts still search code
// with it (WHERE text LIKE '%name%'), and it is where sp_helptext's
// 4,000-character pieces come from (helpTextRows). A definition WITH
// ENCRYPTION has a NULL text and encrypted = 1. (SQL Server also lists
// CHECK and DEFAULT constraints here; their expressions are in
// sys.check_constraints and sys.default_constraints.)

func init() {
	compatViews["syscomments"] = true
	sm := vSmallInt
	systemViews["sys.syscomments"] = &virtualTable{
		cols: []vcol{{"id", vInt}, {"number", sm}, {"colid", sm}, {"status", sm},
			{"ctext", types.Type{ID: types.VarBinary, Length: 8000}}, {"texttype", sm}, {"language", sm},
			{"encrypted", vBit}, {"compressed", vBit}, {"text", types.NVarCharType(4000)}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, m := range moduleTexts(s.catalogFor(db)) {
				out = append(out, syscommentsRows(m)...)
			}
			return out, nil
		},
	}
}

// moduleSource is a module's definition as the catalog keeps it.
type moduleSource struct {
	id        int32
	number    int16 // 1 for procedures (their group number), 0 otherwise
	text      string
	encrypted bool
}

// moduleTexts lists the definitions of cat's views, procedures, functions
// and triggers in object id order.
func moduleTexts(cat *catalog.Database) []moduleSource {
	var out []moduleSource
	for _, v := range cat.Views {
		out = append(out, moduleSource{v.ID, 0, v.Text, v.Encrypted})
	}
	for _, p := range cat.Procedures {
		out = append(out, moduleSource{p.ID, 1, p.Text, p.Encrypted})
	}
	for _, m := range cat.Functions {
		out = append(out, moduleSource{m.ID, 0, m.Text, m.Encrypted})
	}
	for _, m := range cat.Triggers {
		out = append(out, moduleSource{m.ID, 0, m.Text, m.Encrypted})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// syscommentsRows are m's sys.syscomments rows: its definition in pieces of
// 4,000 UTF-16 code units; ctext holds a piece's UTF-16LE bytes.
func syscommentsRows(m moduleSource) []Row {
	u := utf16.Encode([]rune(m.text))
	var out []Row
	for c, colid := 0, 1; ; c, colid = c+helpTextChunk, colid+1 {
		piece := u[c:min(c+helpTextChunk, len(u))]
		ctext, text := types.Null(types.VarBinary), types.Null(types.NVarChar)
		if !m.encrypted { // an encrypted definition shows neither
			b := make([]byte, 2*len(piece))
			for i, x := range piece {
				binary.LittleEndian.PutUint16(b[2*i:], x)
			}
			ctext, text = types.NewVarBinary(b), types.NewString(types.NVarChar, string(utf16.Decode(piece)))
		}
		out = append(out, Row{i32(m.id), types.NewSmallInt(m.number), types.NewSmallInt(int16(colid)), types.NewSmallInt(0),
			ctext, types.NewSmallInt(0), types.NewSmallInt(0), bit(m.encrypted), bit(false), text})
		if c+helpTextChunk >= len(u) {
			break
		}
	}
	return out
}
