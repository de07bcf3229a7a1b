package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// FuzzOpenXML checks that no document, row pattern or column pattern
// panics: sp_xml_preparedocument's parse and numbering, OPENXML's row
// selection, edge table and column values each return rows or an error.
func FuzzOpenXML(f *testing.F) {
	f.Add(`<r><i a="1">t<b/></i></r>`, `/r/i`, `../@x`, int64(3))
	f.Add(`<?xml version="1.0" encoding="utf-16"?><r xmlns:p="urn:p"><p:i p:a="1"/></r>`, `//*`, `@mp:xmltext`, int64(10))
	f.Add(`<r><i a="1"/></r>`, `/r/i/@a`, `.`, int64(0))
	f.Add(`<r><![CDATA[x]]><!--c--><?pi d?></r>`, `/`, `text()`, int64(2))
	f.Fuzz(func(t *testing.T, doc, rowPattern, colPattern string, flags int64) {
		d, err := prepareXMLDoc(doc, "")
		if err != nil {
			return
		}
		col := openXMLColumn{name: "a", typ: types.NVarCharType(100)}
		if err := col.compilePattern(colPattern); err != nil {
			col = openXMLColumn{name: "a", typ: types.NVarCharType(100)}
		}
		cols := []openXMLColumn{col, {name: "b", typ: types.Type{ID: types.XML, Length: types.MaxLength}}}
		_ = guardXPath(func() error {
			navs, err := d.selectRows(rowPattern)
			if err != nil {
				return err
			}
			_ = d.edgeRows(navs)
			for _, nav := range navs {
				if _, err := d.schemaRow(nav, cols, flags); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// FuzzXMLText checks that no overflow document of FOR XML EXPLICIT's
// xmltext directive panics.
func FuzzXMLText(f *testing.F) {
	f.Add(`<over a="1" b='x"y'>t<k/></over>`)
	f.Add(`  <a/><b/>`)
	f.Add(`<a>`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = parseXMLText(s, "x")
	})
}
