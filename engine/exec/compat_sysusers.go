package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// More of SQL Server 2000's system tables as compatibility views (FROM
// sysusers, FROM master..sysaltfiles …), each built from the catalog view
// SQL Server defines it over (compat_derived.go):
//
//   - sysusers and sysmembers: a database's users and roles, and role
//     membership (sys.database_principals, sys.database_role_members);
//   - sysfiles and sysfilegroups: the current database's files and
//     filegroups (sys.database_files, sys.filegroups);
//   - sysaltfiles, sysconfigures, syscurconfigs and sysperfinfo: every
//     database's files, the configuration options as set and as running,
//     and the performance counters (sys.master_files, sys.configurations,
//     sys.dm_os_performance_counters), server-wide as in master.
//
// Old DBA scripts read them for file sizes (size/128 MB), logins mapped to
// users, and sp_configure's values.

func sysusersRows(s *Session, db Database) ([]Row, error) {
	ps, err := readView(s, db, "sys.database_principals")
	if err != nil {
		return nil, err
	}
	one := func(b bool) types.Value { return i32(int32(b2i(b))) }
	out := make([]Row, 0, len(ps.rows))
	for _, r := range ps.rows {
		uid := ps.int64Of(r, "principal_id") // the fixed roles (16384 …) too
		typ := strings.TrimSpace(ps.textOf(r, "type"))
		role := typ == "R" || typ == "A"
		gid := int64(0)
		if role {
			gid = uid
		}
		name := strings.ToLower(ps.textOf(r, "name"))
		// dbo has access; guest when its CONNECT is granted (not here); the
		// schema users INFORMATION_SCHEMA and sys never.
		access := !role && name != "guest" && name != "information_schema" && name != "sys"
		login := (typ == "S" || typ == "U" || typ == "G") && access
		out = append(out, Row{types.NewSmallInt(int16(min(uid, 32767))), types.NewSmallInt(0), ps.get(r, "name", vName),
			ps.get(r, "sid", types.Type{ID: types.VarBinary, Length: 85}), types.Null(types.VarBinary),
			ps.get(r, "create_date", vDateTime), ps.get(r, "modify_date", vDateTime), types.NewSmallInt(0),
			types.Null(types.VarBinary), types.NewSmallInt(int16(min(gid, 32767))), types.Null(types.VarChar),
			one(access), one(login), one(typ == "U" || typ == "G"), one(typ == "G"), one(typ == "U"),
			one(typ == "S"), one(false), one(typ == "R"), one(typ == "A")})
	}
	return out, nil
}

func sysmembersRows(s *Session, db Database) ([]Row, error) {
	ms, err := readView(s, db, "sys.database_role_members")
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(ms.rows))
	for _, r := range ms.rows {
		out = append(out, Row{ms.get(r, "member_principal_id", vSmallInt), ms.get(r, "role_principal_id", vSmallInt)})
	}
	return out, nil
}

// fileStatus is sysfiles.status: 0x2 a disk file, 0x40 a log file,
// 0x100000 growth in percent.
func fileStatus(v viewRows, r Row) int32 {
	st := int32(0x2)
	if strings.EqualFold(v.textOf(r, "type_desc"), "LOG") {
		st |= 0x40
	}
	if v.int64Of(r, "is_percent_growth") != 0 {
		st |= 0x100000
	}
	return st
}

func sysfilesRows(s *Session, db Database) ([]Row, error) {
	fs, err := readView(s, db, "sys.database_files")
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(fs.rows))
	for _, r := range fs.rows {
		out = append(out, Row{fs.get(r, "file_id", vSmallInt), fs.get(r, "data_space_id", vSmallInt), fs.get(r, "size", vInt),
			fs.get(r, "max_size", vInt), fs.get(r, "growth", vInt), i32(fileStatus(fs, r)), i32(0), fs.get(r, "name", vName),
			fs.get(r, "physical_name", types.NVarCharType(260))})
	}
	return out, nil
}

func sysaltfilesRows(s *Session, db Database) ([]Row, error) {
	fs, err := readView(s, db, "sys.master_files")
	if err != nil {
		return nil, err
	}
	lsn := types.Type{ID: types.Binary, Length: 10}
	out := make([]Row, 0, len(fs.rows))
	for _, r := range fs.rows {
		out = append(out, Row{fs.get(r, "file_id", vSmallInt), fs.get(r, "data_space_id", vSmallInt), fs.get(r, "size", vInt),
			fs.get(r, "max_size", vInt), fs.get(r, "growth", vInt), i32(fileStatus(fs, r)), i32(0), fs.get(r, "database_id", vSmallInt),
			fs.get(r, "name", vName), fs.get(r, "physical_name", types.NVarCharType(260)), types.Null(lsn.ID), types.Null(lsn.ID)})
	}
	return out, nil
}

func sysfilegroupsRows(s *Session, db Database) ([]Row, error) {
	fg, err := readView(s, db, "sys.filegroups")
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(fg.rows))
	for _, r := range fg.rows {
		status := int32(0)
		if fg.int64Of(r, "is_default") != 0 {
			status = 0x10
		}
		if fg.int64Of(r, "is_read_only") != 0 {
			status |= 0x8
		}
		out = append(out, Row{fg.get(r, "data_space_id", vSmallInt), types.NewSmallInt(0), i32(status), fg.get(r, "name", vName)})
	}
	return out, nil
}

// configRows are sysconfigures' rows (value as set), or syscurconfigs'
// (running): status 1 dynamic, 2 advanced.
func configRows(running bool) func(s *Session, db Database) ([]Row, error) {
	return func(s *Session, db Database) ([]Row, error) {
		cs, err := readView(s, db, "sys.configurations")
		if err != nil {
			return nil, err
		}
		col := "value"
		if running {
			col = "value_in_use"
		}
		out := make([]Row, 0, len(cs.rows))
		for _, r := range cs.rows {
			var status int16
			if cs.int64Of(r, "is_dynamic") != 0 {
				status |= 1
			}
			if cs.int64Of(r, "is_advanced") != 0 {
				status |= 2
			}
			out = append(out, Row{cs.get(r, col, vInt), cs.get(r, "configuration_id", vInt),
				cs.get(r, "description", types.NVarCharType(255)), types.NewSmallInt(status)})
		}
		return out, nil
	}
}

var perfName = types.Type{ID: types.NChar, Length: 128}

func sysperfinfoRows(s *Session, db Database) ([]Row, error) {
	pc, err := readView(s, db, "sys.dm_os_performance_counters")
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(pc.rows))
	for _, r := range pc.rows {
		out = append(out, Row{pc.get(r, "object_name", perfName), pc.get(r, "counter_name", perfName),
			pc.get(r, "instance_name", perfName), i32(int32(pc.int64Of(r, "cntr_value"))), pc.get(r, "cntr_type", vInt)})
	}
	return out, nil
}

func init() {
	sm := vSmallInt
	fileCols := []vcol{{"fileid", sm}, {"groupid", sm}, {"size", vInt}, {"maxsize", vInt}, {"growth", vInt},
		{"status", vInt}, {"perf", vInt}}
	cfgCols := []vcol{{"value", vInt}, {"config", vInt}, {"comment", types.NVarCharType(255)}, {"status", sm}}
	lsn := types.Type{ID: types.Binary, Length: 10}
	for name, vt := range map[string]*virtualTable{
		"sysusers": {cols: []vcol{{"uid", sm}, {"status", sm}, {"name", vName}, {"sid", types.Type{ID: types.VarBinary, Length: 85}},
			{"roles", types.Type{ID: types.VarBinary, Length: 2048}}, {"createdate", vDateTime}, {"updatedate", vDateTime},
			{"altuid", sm}, {"password", types.Type{ID: types.VarBinary, Length: 256}}, {"gid", sm},
			{"environ", types.VarCharType(255)}, {"hasdbaccess", vInt}, {"islogin", vInt}, {"isntname", vInt},
			{"isntgroup", vInt}, {"isntuser", vInt}, {"issqluser", vInt}, {"isaliased", vInt}, {"issqlrole", vInt},
			{"isapprole", vInt}}, rows: sysusersRows},
		"sysmembers": {cols: []vcol{{"memberuid", sm}, {"groupuid", sm}}, rows: sysmembersRows},
		"sysfiles": {cols: append(append([]vcol(nil), fileCols...), vcol{"name", vName}, vcol{"filename", types.NVarCharType(260)}),
			rows: sysfilesRows},
		"sysaltfiles": {cols: append(append([]vcol(nil), fileCols...), vcol{"dbid", sm}, vcol{"name", vName},
			vcol{"filename", types.NVarCharType(260)}, vcol{"createlsn", lsn}, vcol{"droplsn", lsn}), rows: sysaltfilesRows},
		"sysfilegroups": {cols: []vcol{{"groupid", sm}, {"allocpolicy", sm}, {"status", vInt}, {"groupname", vName}},
			rows: sysfilegroupsRows},
		"sysconfigures": {cols: cfgCols, rows: configRows(false)},
		"syscurconfigs": {cols: cfgCols, rows: configRows(true)},
		"sysperfinfo": {cols: []vcol{{"object_name", perfName}, {"counter_name", perfName}, {"instance_name", perfName},
			{"cntr_value", vInt}, {"cntr_type", vInt}}, rows: sysperfinfoRows},
	} {
		compatViews[name] = true
		systemViews["sys."+name] = vt
	}
}
