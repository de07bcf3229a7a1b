package exec

import (
	"context"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_help [@objname]: what SQL Server's procedure reports (the sp_help
// page), written as its own T-SQL is, over the catalog views. SSMS's
// Alt+F1 runs it and DBAs read it first; the result sets, their columns
// and the PRINT ' ' lines between them are SQL Server's:
//
//   - no name: every object of sys.all_objects (Name, Owner, Object_type
//     ordered by owner, type descending, name), then the user-defined
//     types (User_type, Storage_type …);
//   - a table: Name/Owner/Type/Created_datetime; its columns (Prec and
//     Scale as char(5), blank for the types without them); Identity;
//     RowGuidCol; Data_located_on_filegroup; sp_helpindex;
//     sp_helpconstraint … 'nomsg';
//   - a view: the first four sets; a procedure or function: the first set
//     and its parameters; any other object: the first set;
//   - a data type: Type_name, Storage_type, Length, Prec, Scale, Nullable,
//     Default_name, Rule_name, Collation;
//   - anything else: 15009.

// spHelpObjectType is spt_values' 'O9T' names, which sp_help shows as the
// object's type.
const spHelpObjectType = `CASE RTRIM(o.type) WHEN 'U' THEN 'user table' WHEN 'V' THEN 'view' WHEN 'P' THEN 'stored procedure'
 WHEN 'X' THEN 'extended stored proc' WHEN 'S' THEN 'system table' WHEN 'IT' THEN 'internal table' WHEN 'TR' THEN 'trigger'
 WHEN 'FN' THEN 'scalar function' WHEN 'IF' THEN 'inline function' WHEN 'TF' THEN 'table function'
 WHEN 'AF' THEN 'aggregate function' WHEN 'C' THEN 'check cns' WHEN 'D' THEN 'default (maybe cns)'
 WHEN 'F' THEN 'foreign key cns' WHEN 'PK' THEN 'primary key cns' WHEN 'UQ' THEN 'unique key cns'
 WHEN 'R' THEN 'rule' WHEN 'SN' THEN 'synonym' WHEN 'SO' THEN 'sequence object' WHEN 'SQ' THEN 'service queue'
 WHEN 'TT' THEN 'table type' WHEN 'PC' THEN 'assembly stored procedure' WHEN 'FS' THEN 'assembly scalar function'
 WHEN 'FT' THEN 'assembly table function' WHEN 'TA' THEN 'assembly trigger' WHEN 'RF' THEN 'replication filter proc'
 WHEN 'PG' THEN 'plan guide' END`

// spHelpPrecScale are the types whose Prec and Scale sp_help shows: it
// finds a type with CHARINDEX in this list, so datetime (in datetime2)
// shows them too.
const spHelpPrecScale = `N'tinyint,smallint,decimal,int,bigint,real,money,float,numeric,smallmoney,date,time,datetime2,datetimeoffset,'`

const spHelpAllText = `SELECT o.name AS Name, USER_NAME(OBJECTPROPERTY(o.object_id, 'OwnerId')) AS Owner, CONVERT(nvarchar(31), ` + spHelpObjectType + `) AS Object_type
FROM sys.all_objects AS o WHERE ` + spHelpObjectType + ` IS NOT NULL ORDER BY Owner, Object_type DESC, Name;
SELECT t.name AS User_type, TYPE_NAME(t.system_type_id) AS Storage_type, t.max_length AS Length, CONVERT(int, t.precision) AS Prec,
 CONVERT(int, t.scale) AS Scale, CASE WHEN t.is_nullable = 1 THEN 'yes' ELSE 'no' END AS Nullable, 'none' AS Default_name,
 'none' AS Rule_name, CONVERT(sysname, CASE WHEN t.system_type_id IN (35, 99, 167, 175, 231, 239) THEN DATABASEPROPERTYEX(DB_NAME(), 'Collation') END) AS Collation
FROM sys.types AS t WHERE t.is_user_defined = 1 AND t.is_table_type = 0 ORDER BY t.name;`

// spHelpObjectText is sp_help of the object with id objid (named objname).
func spHelpObjectText(objid int32, objname, kind string) string {
	var b strings.Builder
	b.WriteString("DECLARE @objid int = " + strconv.Itoa(int(objid)) + ", @objname nvarchar(776) = N'" + strings.ReplaceAll(objname, "'", "''") + "', @colname sysname;\n")
	b.WriteString(`SELECT o.name AS Name, USER_NAME(OBJECTPROPERTY(o.object_id, 'OwnerId')) AS Owner, CONVERT(nvarchar(31), ` + spHelpObjectType + `) AS Type,
 o.create_date AS Created_datetime FROM sys.all_objects AS o WHERE o.object_id = @objid;
`)
	switch kind {
	case "U", "S", "V", "TF", "IF":
		b.WriteString(`SELECT c.name AS Column_name, TYPE_NAME(c.user_type_id) AS Type, CONVERT(varchar(35), CASE WHEN c.is_computed = 0 THEN 'no' ELSE 'yes' END) AS Computed,
 CONVERT(int, c.max_length) AS Length,
 CASE WHEN CHARINDEX(TYPE_NAME(c.system_type_id), ` + spHelpPrecScale + `) > 0 THEN CONVERT(char(5), c.precision) ELSE '     ' END AS Prec,
 CASE WHEN CHARINDEX(TYPE_NAME(c.system_type_id), ` + spHelpPrecScale + `) > 0 THEN CONVERT(char(5), CASE WHEN c.system_type_id IN (59, 62) THEN NULL ELSE c.scale END) ELSE '     ' END AS Scale,
 CONVERT(varchar(35), CASE WHEN c.is_nullable = 0 THEN 'no' ELSE 'yes' END) AS Nullable,
 CONVERT(varchar(35), CASE WHEN TYPE_NAME(c.system_type_id) IN ('char', 'varchar', 'binary', 'varbinary') THEN 'no' ELSE '(n/a)' END) AS TrimTrailingBlanks,
 CONVERT(varchar(35), CASE WHEN TYPE_NAME(c.system_type_id) NOT IN ('varbinary', 'varchar', 'binary', 'char') THEN '(n/a)' WHEN c.is_nullable = 0 THEN 'no' ELSE 'yes' END) AS FixedLenNullInSource,
 c.collation_name AS Collation
FROM sys.all_columns AS c WHERE c.object_id = @objid ORDER BY c.column_id;
PRINT ' ';
SELECT @colname = name FROM sys.identity_columns WHERE object_id = @objid;
SELECT ISNULL(@colname, 'No identity column defined.') AS [Identity], IDENT_SEED(@objname) AS Seed, IDENT_INCR(@objname) AS Increment,
 COLUMNPROPERTY(@objid, @colname, 'IsIDNotForRepl') AS [Not For Replication];
PRINT ' ';
SET @colname = NULL;
SELECT @colname = name FROM sys.all_columns WHERE object_id = @objid AND is_rowguidcol = 1;
SELECT ISNULL(@colname, 'No rowguidcol column defined.') AS [RowGuidCol];
`)
		if kind == "U" || kind == "S" {
			b.WriteString(`PRINT ' ';
SELECT d.name AS Data_located_on_filegroup FROM sys.indexes AS i JOIN sys.data_spaces AS d ON d.data_space_id = i.data_space_id
WHERE i.object_id = @objid AND i.index_id < 2;
PRINT ' ';
EXEC sys.sp_helpindex @objname;
PRINT ' ';
EXEC sys.sp_helpconstraint @objname, 'nomsg';
`)
		}
	case "P", "X", "FN", "PC", "FS", "FT", "AF":
		b.WriteString(`IF EXISTS (SELECT * FROM sys.all_parameters WHERE object_id = @objid)
SELECT p.name AS Parameter_name, TYPE_NAME(p.user_type_id) AS Type, p.max_length AS Length,
 CASE WHEN p.system_type_id IN (167, 175, 165, 173) THEN CONVERT(int, p.max_length) WHEN p.system_type_id IN (231, 239) THEN CONVERT(int, p.max_length / 2) ELSE CONVERT(int, p.precision) END AS Prec,
 CASE WHEN p.system_type_id IN (48, 52, 56, 127, 106, 108, 60, 122, 104, 61, 58, 42, 43, 41) THEN CONVERT(int, p.scale) END AS Scale,
 p.parameter_id AS Param_order,
 CONVERT(sysname, CASE WHEN p.system_type_id IN (35, 99, 167, 175, 231, 239) THEN SERVERPROPERTY('Collation') END) AS Collation
FROM sys.all_parameters AS p WHERE p.object_id = @objid ORDER BY p.parameter_id;
`)
	}
	return b.String()
}

// spHelpTypeText is sp_help of the data type with user_type_id id.
func spHelpTypeText(id int32) string {
	return `SELECT t.name AS Type_name, TYPE_NAME(t.system_type_id) AS Storage_type, t.max_length AS Length, CONVERT(int, t.precision) AS Prec,
 CONVERT(int, t.scale) AS Scale, CASE WHEN t.is_nullable = 1 THEN 'yes' ELSE 'no' END AS Nullable, 'none' AS Default_name, 'none' AS Rule_name,
 CONVERT(sysname, CASE WHEN t.system_type_id IN (35, 99, 167, 175, 231, 239) THEN DATABASEPROPERTYEX(DB_NAME(), 'Collation') END) AS Collation
FROM sys.types AS t WHERE t.user_type_id = ` + strconv.Itoa(int(id)) + `;`
}

func (s *Session) spHelp(ctx context.Context, args []*ProcArg, out Output) error {
	name := ArgString(args, 0, "@objname")
	if name == "" {
		return s.runQueryText(ctx, out, spHelpAllText)
	}
	if id, ok := s.objectID(name); ok {
		return s.runQueryText(ctx, out, spHelpObjectText(id, name, objectTypeOf(s.catalogFor(s.db), id)))
	}
	if id, ok := s.typeIDByName(name); ok {
		return s.runQueryText(ctx, out, spHelpTypeText(id))
	}
	return &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
}

// typeIDByName is TYPE_ID(name): a system or user-defined type's id.
func (s *Session) typeIDByName(name string) (int32, bool) {
	if strings.EqualFold(strings.TrimSpace(name), "sysname") {
		return sysnameTypeID, true // usertype_sysname.go
	}
	if id, ok := types.LookupTypeID(name); ok {
		return int32(id), true
	}
	return s.userTypeID(name) // usertype_views.go
}
