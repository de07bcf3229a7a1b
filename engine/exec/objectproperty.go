package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// objectPropertyArgs reads OBJECTPROPERTY's and OBJECTPROPERTYEX's
// arguments: ok is false when either is NULL or the id is no int.
func objectPropertyArgs(idv, propv types.Value) (id int32, prop string, ok bool) {
	if idv.IsNull() || propv.IsNull() {
		return 0, "", false
	}
	idc, err := types.Convert(idv, types.TypeInt, 0)
	if err != nil {
		return 0, "", false
	}
	prop, _ = asText(propv)
	return int32(idc.Int64()), prop, true
}

// objectProperty is OBJECTPROPERTY(id, property): 1 or 0 for the properties
// older deployment scripts test before creating or dropping objects (IF
// OBJECTPROPERTY(OBJECT_ID(N'dbo.p'), N'IsProcedure') = 1 …), NULL for an
// unknown object or property, or a table property asked of another kind.
func (s *Session) objectProperty(idv, propv types.Value) types.Value {
	null := types.Null(types.Int)
	id, prop, ok := objectPropertyArgs(idv, propv)
	if !ok {
		return null
	}
	cat := s.catalogFor(s.db)
	typ := ""
	var row Row
	for _, r := range objectRows(cat, "") {
		if int32(r[1].Int64()) == id {
			typ, row = strings.TrimSpace(r[5].Str()), r
			break
		}
	}
	if tc := s.tempCatalogOf(id); typ == "" && tc != nil { // tempid.go
		cat = tc
		for _, r := range objectRows(cat, "") {
			if int32(r[1].Int64()) == id {
				typ, row = strings.TrimSpace(r[5].Str()), r
				break
			}
		}
	}
	if o := systemObjectByID(id); typ == "" && o != nil { // sysviews_system.go
		typ, row = o.typ, o.row()
	}
	if typ == "" {
		return null
	}
	b := oneZero // sessionproperty.go
	is := func(kinds ...string) types.Value {
		for _, k := range kinds {
			if typ == k {
				return b(true)
			}
		}
		return b(false)
	}
	switch strings.ToLower(prop) {
	case "isusertable", "istable":
		return is("U")
	case "isview":
		return is("V")
	case "isprocedure":
		return is("P")
	case "isscalarfunction":
		return is("FN")
	case "istablefunction":
		return is("IF", "TF")
	case "isinlinefunction":
		return is("IF")
	case "istrigger":
		return is("TR")
	case "isprimarykey":
		return is("PK")
	case "isforeignkey":
		return is("F")
	case "ischeckcnst":
		return is("C")
	case "isdefaultcnst":
		return is("D")
	case "isuniquecnst":
		return is("UQ")
	case "isconstraint":
		return is("PK", "F", "C", "D", "UQ")
	case "execistriggerdisabled":
		for _, m := range cat.Triggers {
			if m.ID == id {
				return b(m.Disabled)
			}
		}
		return null
	case "execisquotedidenton", "execisansinullson", "isquotedidenton", "isansinullson":
		// A module's captured settings (module_sets.go); a table or
		// constraint always records QUOTED_IDENTIFIER ON, and ANSI_NULLS
		// is not kept for tables: ON.
		ms, isModule := moduleSetsOf(cat, id)
		switch {
		case isModule && strings.HasSuffix(strings.ToLower(prop), "quotedidenton"):
			return b(!ms.QuotedIdentifierOff)
		case isModule:
			return b(!ms.AnsiNullsOff)
		case strings.HasPrefix(strings.ToLower(prop), "exec"):
			return null
		}
		return b(true)
	case "isencrypted", "isschemabound":
		text, ms, enc, ok := moduleTextSets(cat, id)
		if !ok {
			return b(false)
		}
		if strings.EqualFold(prop, "isencrypted") {
			return b(enc)
		}
		bound, _ := s.moduleOptions(text, ms) // module_ddl.go
		return b(bound)
	case "isindexed":
		// A table or view with an index (a view's is its clustered index).
		for _, v := range cat.Views {
			if v.ID == id {
				return b(len(v.Indexes) > 0)
			}
		}
		for _, t := range cat.SortedTables() {
			if t.ID == id {
				for _, ix := range t.Indexes {
					if !ix.IsHeap() {
						return b(true)
					}
				}
				return b(false)
			}
		}
		return null
	case "ismsshipped":
		return b(id < 0) // the system objects (sysviews_system.go)
	case "issystemtable", "tableisfake":
		return b(false)
	case "ownerid":
		// The owner ALTER AUTHORIZATION gave the object, else the owner of
		// its schema (sys.objects.principal_id is NULL), as SQL Server
		// reports it.
		if !row[2].IsNull() {
			return types.NewInt(int32(row[2].Int64()))
		}
		if sc := cat.SchemaByID(int32(row[3].Int64())); sc != nil {
			return types.NewInt(schemaOwnerID(cat, sc)) // metafuncs.go
		}
		return types.NewInt(1)
	case "schemaid":
		return row[3]
	}
	if v, ok := s.objectPropertyMore(cat, id, typ, row, strings.ToLower(prop)); ok { // objectproperty_more.go
		return v
	}
	if !strings.HasPrefix(strings.ToLower(prop), "tablehas") {
		return null
	}
	var t *catalog.Table
	for _, x := range cat.SortedTables() {
		if x.ID == id {
			t = x
		}
	}
	if t == nil {
		return null
	}
	anyIndex := func(ok func(ix *catalog.Index) bool) bool {
		for _, ix := range t.Indexes {
			if !ix.IsHeap() && ok(ix) {
				return true
			}
		}
		return false
	}
	switch strings.ToLower(prop) {
	case "tablehasprimarykey":
		return b(anyIndex(func(ix *catalog.Index) bool { return ix.Primary }))
	case "tablehasclustindex":
		return b(anyIndex(func(ix *catalog.Index) bool { return ix.Clustered }))
	case "tablehasnonclustindex":
		return b(anyIndex(func(ix *catalog.Index) bool { return !ix.Clustered }))
	case "tablehasindex":
		return b(anyIndex(func(*catalog.Index) bool { return true }))
	case "tablehasuniquecnst":
		return b(anyIndex(func(ix *catalog.Index) bool { return ix.Constraint && ix.Unique && !ix.Primary }))
	case "tablehasidentity":
		for _, c := range t.Columns {
			if c.Identity {
				return b(true)
			}
		}
		return b(false)
	case "tablehasforeignkey":
		return b(len(t.ForeignKeys) > 0)
	case "tablehascheckcnst":
		return b(len(t.Checks) > 0)
	case "tablehasdefaultcnst":
		for _, c := range t.Columns {
			if c.Default != "" {
				return b(true)
			}
		}
		return b(false)
	}
	return null
}

// moduleTextSets finds module id's stored definition, settings and WITH
// ENCRYPTION.
func moduleTextSets(cat *catalog.Database, id int32) (text string, ms catalog.ModuleSets, encrypted, ok bool) {
	for _, p := range cat.Procedures {
		if p.ID == id {
			return p.Text, p.ModuleSets, p.Encrypted, true
		}
	}
	for _, v := range cat.Views {
		if v.ID == id {
			return v.Text, v.ModuleSets, v.Encrypted, true
		}
	}
	for _, mods := range []map[string]*catalog.Module{cat.Functions, cat.Triggers} {
		for _, m := range mods {
			if m.ID == id {
				return m.Text, m.ModuleSets, m.Encrypted, true
			}
		}
	}
	return "", catalog.ModuleSets{}, false, false
}
