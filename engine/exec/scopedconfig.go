package exec

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER DATABASE SCOPED CONFIGURATION and sys.database_scoped_configurations,
// and the two database procedures SSMS's "Script Database as CREATE" calls
// (sp_db_vardecimal_storage_format, sp_fulltext_database): scripts that
// create a database the way SSMS scripts one run unchanged.
//
// The values are kept in the database's catalog (so a mirror and a restored
// copy have them) and shown as set; they tune optimizer and engine features
// of SQL Server (parallelism, cardinality estimation, plan feedback) that
// this server does not have, so none changes how a statement runs.

// scopedConfig is one database scoped configuration: its configuration_id,
// its default and whether its values are numbers or words.
type scopedConfig struct {
	id      int32
	def     string
	numeric bool
	max     int64 // largest numeric value
}

// scopedConfigs are SQL Server 2022's, by name.
var scopedConfigs = map[string]scopedConfig{
	"MAXDOP":                                  {1, "0", true, 32767},
	"LEGACY_CARDINALITY_ESTIMATION":           {2, "OFF", false, 0},
	"PARAMETER_SNIFFING":                      {3, "ON", false, 0},
	"QUERY_OPTIMIZER_HOTFIXES":                {4, "OFF", false, 0},
	"IDENTITY_CACHE":                          {6, "ON", false, 0},
	"INTERLEAVED_EXECUTION_TVF":               {7, "ON", false, 0},
	"BATCH_MODE_MEMORY_GRANT_FEEDBACK":        {8, "ON", false, 0},
	"BATCH_MODE_ADAPTIVE_JOINS":               {9, "ON", false, 0},
	"TSQL_SCALAR_UDF_INLINING":                {10, "ON", false, 0},
	"OPTIMIZE_FOR_AD_HOC_WORKLOADS":           {13, "OFF", false, 0},
	"ROW_MODE_MEMORY_GRANT_FEEDBACK":          {16, "ON", false, 0},
	"BATCH_MODE_ON_ROWSTORE":                  {18, "ON", false, 0},
	"DEFERRED_COMPILATION_TV":                 {19, "ON", false, 0},
	"ACCELERATED_PLAN_FORCING":                {20, "ON", false, 0},
	"GLOBAL_TEMPORARY_TABLE_AUTO_DROP":        {21, "ON", false, 0},
	"LIGHTWEIGHT_QUERY_PROFILING":             {22, "ON", false, 0},
	"VERBOSE_TRUNCATION_WARNINGS":             {23, "ON", false, 0},
	"LAST_QUERY_PLAN_STATS":                   {24, "OFF", false, 0},
	"PARAMETER_SENSITIVE_PLAN_OPTIMIZATION":   {28, "ON", false, 0},
	"ASYNC_STATS_UPDATE_WAIT_AT_LOW_PRIORITY": {29, "OFF", false, 0},
}

var errScopedConfigValue = errorKind{102, 15, 1, "Incorrect syntax near '%s'.", AbortStatement}

// alterScopedConfig runs ALTER DATABASE SCOPED CONFIGURATION on the current
// database; it needs ALTER ANY DATABASE SCOPED CONFIGURATION (db_owner).
func (s *Session) alterScopedConfig(ctx context.Context, st *ast.AlterScopedConfigStmt) error {
	db := s.db
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	if !s.hasDatabasePerm(db, cat, "ALTER ANY DATABASE SCOPED CONFIGURATION") {
		return errDatabaseDenied("ALTER ANY DATABASE SCOPED CONFIGURATION", db.Name())
	}
	if st.Clear {
		return nil // plans are cached per session and checked against the catalog: nothing is stale
	}
	name := strings.ToUpper(st.Set.Name)
	cfg, ok := scopedConfigs[name]
	if !ok {
		return errScopedConfigValue.New(st.Set.Name)
	}
	val := strings.ToUpper(st.Set.Word)
	switch {
	case val == "PRIMARY" && st.Secondary, val == "DEFAULT":
		val = ""
	case cfg.numeric:
		n, ok := int64(-1), false
		if st.Set.Value != nil {
			if v, err := s.evalScalar(ctx, st.Set.Value); err == nil && !v.v.IsNull() {
				n, ok = v.v.Int64(), v.v.TypeID().IsInteger()
			}
		}
		if !ok || n < 0 || n > cfg.max {
			return errScopedConfigValue.New(st.Set.SQL())
		}
		val = strconv.FormatInt(n, 10)
	case val != "ON" && val != "OFF":
		return errScopedConfigValue.New(st.Set.SQL())
	}
	key := name
	if st.Secondary {
		key += "/SECONDARY"
	}
	if val == "" || !st.Secondary && val == cfg.def {
		delete(cat.ScopedConfig, key)
		return nil
	}
	if cat.ScopedConfig == nil {
		cat.ScopedConfig = map[string]string{}
	}
	cat.ScopedConfig[key] = val
	return nil
}

// scopedConfigValue is a configuration's value as the view shows it: an int
// for numeric ones, 0/1 for ON/OFF.
func scopedConfigValue(cfg scopedConfig, text string) types.Value {
	switch {
	case cfg.numeric:
		n, _ := strconv.ParseInt(text, 10, 64)
		return types.NewInt(int32(n))
	case text == "ON":
		return types.NewInt(1)
	}
	return types.NewInt(0)
}

func init() {
	variant := types.Type{ID: types.SQLVariant}
	systemViews["sys.database_scoped_configurations"] = &virtualTable{cols: []vcol{{"configuration_id", vInt}, {"name", types.NVarCharType(60)},
		{"value", variant}, {"value_for_secondary", variant}, {"is_value_default", vBit}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			out := make([]Row, 0, len(scopedConfigs))
			for name, cfg := range scopedConfigs {
				cur, set := cat.ScopedConfig[name]
				if !set {
					cur = cfg.def
				}
				sec := null
				if v, ok := cat.ScopedConfig[name+"/SECONDARY"]; ok {
					sec = scopedConfigValue(cfg, v)
				}
				out = append(out, Row{i32(cfg.id), str(strings.ToLower(name)), scopedConfigValue(cfg, cur), sec, bit(!set)})
			}
			slices.SortFunc(out, func(a, b Row) int { return int(a[0].Int64() - b[0].Int64()) })
			return out, nil
		}}
	// sp_db_vardecimal_storage_format [@dbname [, @vardecimal_storage_format]]:
	// decimal storage is always variable-length here, so every database
	// reports ON and setting it is accepted; OFF cannot be honoured (SQL
	// Server refuses it once a table uses vardecimal).
	RegisterProc("sp_db_vardecimal_storage_format", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		name := ArgString(args, 0, "@dbname")
		format := strings.ToUpper(strings.TrimSpace(ArgString(args, 1, "@vardecimal_storage_format")))
		if format == "OFF" {
			return 1, &Error{Number: 15575, Severity: 16, State: 1, Message: "Cannot disable vardecimal storage format for database '" + name + "'. Decimal values are always stored in variable length here."}
		}
		if format != "" && format != "ON" {
			return 1, &Error{Number: 15574, Severity: 16, State: 1, Message: "Invalid value '" + format + "' for parameter @vardecimal_storage_format. Specify ON or OFF."}
		}
		if format == "ON" {
			return 0, nil
		}
		cols := []ResultColumn{{Name: "Database Name", Type: sysname}, {Name: "Vardecimal State", Type: types.VarCharType(3)}}
		var rows []Row
		for _, d := range s.srv.DatabaseList() {
			if name == "" || strings.EqualFold(name, d.Entry.Name) {
				rows = append(rows, Row{str(d.Entry.Name), types.NewVarChar("ON")})
			}
		}
		return 0, SendRows(s, out, cols, rows)
	})
	// sp_fulltext_database @action: full-text search is not installed
	// (FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 0), so 'enable' is
	// SQL Server's error for that case and 'disable' has nothing to do.
	RegisterProc("sp_fulltext_database", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		switch strings.ToLower(strings.TrimSpace(ArgString(args, 0, "@action"))) {
		case "disable":
			return 0, nil
		case "enable":
			return 1, &Error{Number: 7609, Severity: 17, State: 100, Message: "Full-Text Search is not installed, or a full-text component cannot be loaded."}
		}
		return 1, &Error{Number: 15600, Severity: 15, State: 1, Message: "An invalid parameter or option was specified for procedure 'sp_fulltext_database'."}
	})
}
