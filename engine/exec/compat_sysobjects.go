package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// SQL Server 2000's system tables live on as compatibility views in the sys
// schema (sys.sysobjects, sys.sysdatabases …), and SQL Server still finds
// them under their old names: FROM sysobjects and FROM dbo.sysobjects name
// sys.sysobjects. Install scripts of that era test for objects that way —
// Microsoft's Northwind (instnwnd.sql) drops each object with
//
//	if exists (select * from sysobjects where id = object_id('dbo.Orders') and sysstat & 0xf = 3)
//
// and pubs (instpubs.sql) starts with select * from sysdatabases.

// compatViews are the compatibility views a dbo or unqualified name reaches
// (systemView). Only these: a user table dbo.sysfoo is not shadowed.
var compatViews = map[string]bool{"sysobjects": true, "sysdatabases": true, "sysprocesses": true}

// compatViewName maps dbo.sysobjects or sysobjects to "sys.sysobjects"; ""
// for any other name.
func compatViewName(schema, name string) string {
	if (schema == "dbo" || schema == "") && compatViews[name] {
		return "sys." + name
	}
	return ""
}

// sysstat is SQL Server 2000's sysobjects.sysstat: its low four bits are the
// object's class, which old scripts test with sysstat & 0xf (1 system table,
// 2 view, 3 user table, 4 procedure, 6 default, 7 rule, 8 trigger).
var sysstatOfType = map[string]int16{"S": 1, "V": 2, "U": 3, "P": 4, "D": 6, "R": 7, "TR": 8}

func init() {
	sm, dtt := vSmallInt, vDateTime
	char2 := types.Type{ID: types.Char, Length: 2}
	systemViews["sys.sysobjects"] = &virtualTable{
		cols: []vcol{{"name", vName}, {"id", vInt}, {"xtype", char2}, {"uid", sm}, {"info", sm}, {"status", vInt},
			{"base_schema_ver", vInt}, {"replinfo", vInt}, {"parent_obj", vInt}, {"crdate", dtt}, {"ftcatid", sm},
			{"schema_ver", vInt}, {"stats_schema_ver", vInt}, {"type", char2}, {"userstat", sm}, {"sysstat", sm},
			{"indexdel", sm}, {"refdate", dtt}, {"version", vInt}, {"deltrig", vInt}, {"instrig", vInt},
			{"updtrig", vInt}, {"seltrig", vInt}, {"category", vInt}, {"cache", sm}},
		rows: func(s *Session, db Database) ([]Row, error) {
			// From sys.objects' rows: name, object_id, principal_id,
			// schema_id, parent_object_id, type, type_desc, create_date …
			objs := objectRows(s.catalogFor(db), "")
			out := make([]Row, 0, len(objs))
			zero, zs := i32(0), types.NewSmallInt(0)
			for _, o := range objs {
				xtype := strings.TrimSpace(o[5].String())
				typ := xtype
				if xtype == "PK" || xtype == "UQ" {
					typ = "K" // the docs: "PK = PRIMARY KEY constraint (type is K)"
				}
				out = append(out, Row{o[0], o[1], o[5], types.NewSmallInt(int16(o[3].Int64())), zs, zero,
					zero, zero, o[4], o[7], zs,
					zero, zero, objectType(typ), zs, types.NewSmallInt(sysstatOfType[xtype]),
					zs, o[7], zero, zero, zero,
					zero, zero, zero, zs})
			}
			return out, nil
		},
	}
	systemViews["sys.sysdatabases"] = &virtualTable{
		cols: []vcol{{"name", vName}, {"dbid", sm}, {"sid", types.Type{ID: types.VarBinary, Length: 85}}, {"mode", sm},
			{"status", vInt}, {"status2", vInt}, {"crdate", dtt}, {"reserved", dtt}, {"category", vInt},
			{"cmptlevel", vTinyInt}, {"filename", types.NVarCharType(260)}, {"version", sm}},
		rows: func(s *Session, db Database) ([]Row, error) {
			// From sys.databases (registered by the engine) by column name,
			// so the two never disagree about which databases exist.
			src := systemViews["sys.databases"]
			if src == nil {
				return nil, nil
			}
			at := map[string]int{}
			for i, c := range src.cols {
				at[c.name] = i
			}
			rows, err := src.rows(s, db)
			if err != nil {
				return nil, err
			}
			col := func(r Row, name string, t types.Type) types.Value {
				i, ok := at[name]
				if !ok || r[i].IsNull() {
					return types.Null(t.ID)
				}
				v, err := types.Convert(r[i], t, 0)
				if err != nil {
					return types.Null(t.ID)
				}
				return v
			}
			out := make([]Row, 0, len(rows))
			for _, r := range rows {
				out = append(out, Row{col(r, "name", vName), col(r, "database_id", vSmallInt), col(r, "owner_sid", types.Type{ID: types.VarBinary, Length: 85}),
					types.NewSmallInt(0), i32(0), i32(0), col(r, "create_date", vDateTime), col(r, "create_date", vDateTime), i32(0),
					col(r, "compatibility_level", vTinyInt), types.Null(types.NVarChar), types.NewSmallInt(0)})
			}
			return out, nil
		},
	}
}
