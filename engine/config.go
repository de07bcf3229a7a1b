package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Server configuration options: sp_configure, RECONFIGURE and
// sys.configurations, as setup scripts use them ("show advanced options",
// then "backup compression default", "max server memory (MB)" …, then
// RECONFIGURE). Values are validated against SQL Server's ranges, kept in
// master (config_value) and installed by RECONFIGURE (run_value). Most are
// recorded, not acted on: mirrorsql sizes its memory and threads itself.
// "backup compression default" and "backup checksum default" are acted on
// by BACKUP (backup.go).

// configOption is one sp_configure option.
type configOption struct {
	id               int32
	name             string
	min, max, def    int64
	dynamic, advance bool
	description      string
}

var configOptions = []configOption{
	{101, "recovery interval (min)", 0, 32767, 0, true, true, "Maximum recovery interval in minutes"},
	{102, "allow updates", 0, 1, 0, true, false, "Allow updates to system tables"},
	{103, "user connections", 0, 32767, 0, false, true, "Number of user connections allowed"},
	{109, "fill factor (%)", 0, 100, 0, false, true, "Default fill factor percentage"},
	{117, "remote access", 0, 1, 1, false, false, "Allow remote access"},
	{503, "max worker threads", 128, 65535, 0, false, true, "Maximum worker threads"},
	{518, "show advanced options", 0, 1, 0, true, false, "show advanced options"},
	{1538, "cost threshold for parallelism", 0, 32767, 5, true, true, "cost threshold for parallelism"},
	{1539, "max degree of parallelism", 0, 32767, 0, true, true, "maximum degree of parallelism"},
	{1543, "min server memory (MB)", 0, 2147483647, 0, true, true, "Minimum size of server memory (MB)"},
	{1544, "max server memory (MB)", 128, 2147483647, 2147483647, true, true, "Maximum size of server memory (MB)"},
	{1576, "remote admin connections", 0, 1, 0, true, false, "Dedicated Admin Connections are allowed from remote clients"},
	{1579, "backup compression default", 0, 1, 0, true, false, "Enable compression of backups by default"},
	{1581, "optimize for ad hoc workloads", 0, 1, 0, true, true, "When this option is set, plan cache size is further reduced for single-use adhoc OLTP workload."},
	{1548, "backup checksum default", 0, 1, 0, true, false, "Enable checksum of backups by default"},
	{1562, "clr enabled", 0, 1, 0, true, false, "CLR user code execution enabled in the server"},
	// The server runs no default trace (sys.traces is empty), so the
	// option is off: DBA scripts (sp_Blitz) read the trace only when it is 1.
	{1568, "default trace enabled", 0, 1, 0, true, true, "Enable or disable the default trace"},
	{16384, "Agent XPs", 0, 1, 0, true, true, "Enable or disable Agent XPs"},
	{16386, "Database Mail XPs", 0, 1, 0, true, true, "Enable or disable Database Mail XPs"},
	{16390, "xp_cmdshell", 0, 1, 0, true, true, "Enable or disable command shell"},
	{16393, "contained database authentication", 0, 1, 0, true, false, "Enables contained databases and contained authentication"},
}

// runConfig is an option's run_value by its exact name.
func (inst *Instance) runConfig(name string) int64 {
	for _, o := range configOptions {
		if o.name == name {
			_, run := configValues(inst.Server(), o)
			return run
		}
	}
	return 0
}

// configValues returns an option's config_value and run_value.
func configValues(srv *catalog.Server, o configOption) (config, run int64) {
	key := strings.ToLower(o.name)
	config, run = o.def, o.def
	if v, ok := srv.Config[key]; ok {
		config = v
	}
	if v, ok := srv.RunConfig[key]; ok {
		run = v
	}
	return config, run
}

// findConfigOption finds an option by a unique prefix of its name, as
// sp_configure does ('show adv' is "show advanced options").
func findConfigOption(name string, advancedShown bool) (configOption, error) {
	var found []configOption
	for _, o := range configOptions {
		if o.advance && !advancedShown {
			continue
		}
		if strings.EqualFold(o.name, name) {
			return o, nil
		}
		if strings.HasPrefix(strings.ToLower(o.name), strings.ToLower(name)) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return configOption{}, &exec.Error{Number: 15123, Severity: 16, State: 1, Message: "The configuration option '" + name + "' does not exist, or it may be an advanced option."}
	}
	return configOption{}, &exec.Error{Number: 15125, Severity: 16, State: 1, Message: "The configuration option '" + name + "' is not unique."}
}

func advancedShown(srv *catalog.Server) bool {
	_, run := configValues(srv, configOptions[6]) // show advanced options
	return run == 1
}

// spConfigure runs sp_configure [@configname [, @configvalue]].
func (inst *Instance) spConfigure(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	srv := inst.Server()
	shown := advancedShown(srv)
	name := exec.ArgString(args, 0, "@configname")
	valueText := exec.ArgString(args, 1, "@configvalue")
	cols := []exec.ResultColumn{rc("name", types.NVarCharType(35)), rc("minimum", tInt), rc("maximum", tInt), rc("config_value", tInt), rc("run_value", tInt)}
	row := func(o configOption) exec.Row {
		c, r := configValues(srv, o)
		return exec.Row{nv(o.name), in(o.min), in(o.max), in(c), in(r)}
	}
	if name == "" {
		var rows []exec.Row
		for _, o := range sortedConfigOptions() {
			if !o.advance || shown {
				rows = append(rows, row(o))
			}
		}
		return 0, exec.SendRows(s, out, cols, rows)
	}
	o, err := findConfigOption(name, shown)
	if err != nil {
		return 1, err
	}
	if valueText == "" {
		return 0, exec.SendRows(s, out, cols, []exec.Row{row(o)})
	}
	if !s.HasServerPermission("ALTER SETTINGS") { // perm.go: serveradmin
		return 1, errNoPermission()
	}
	var v int64
	if _, err := fmt.Sscan(valueText, &v); err != nil || v < o.min || v > o.max {
		return 1, &exec.Error{Number: 15129, Severity: 16, State: 1, Message: fmt.Sprintf("'%s' is not a valid value for configuration option '%s'.", valueText, o.name)}
	}
	old, _ := configValues(srv, o)
	if err := inst.UpdateServer(func(c *catalog.Server) error {
		if c.Config == nil {
			c.Config = map[string]int64{}
		}
		c.Config[strings.ToLower(o.name)] = v
		return nil
	}); err != nil {
		return 1, err
	}
	return 0, out.Message(&exec.Error{Number: 15457, Severity: 0, State: 1, Message: fmt.Sprintf("Configuration option '%s' changed from %d to %d. Run the RECONFIGURE statement to install.", o.name, old, v)})
}

// reconfigure runs RECONFIGURE [WITH OVERRIDE]: every config_value becomes
// the run_value.
func (inst *Instance) reconfigure() error {
	return inst.UpdateServer(func(c *catalog.Server) error {
		if len(c.Config) == 0 {
			return nil
		}
		if c.RunConfig == nil {
			c.RunConfig = map[string]int64{}
		}
		for k, v := range c.Config {
			c.RunConfig[k] = v
		}
		return nil
	})
}

// sortedConfigOptions lists the options by name, as sp_configure does.
func sortedConfigOptions() []configOption {
	out := slices.Clone(configOptions)
	slices.SortFunc(out, func(a, b configOption) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) })
	return out
}

func init() {
	exec.RegisterProc("sp_configure", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		return instanceOf(s).spConfigure(ctx, s, args, out)
	})
	variant := types.Type{ID: types.SQLVariant}
	exec.RegisterView("sys.configurations", []exec.ViewColumn{col("configuration_id", tInt), col("name", types.NVarCharType(35)),
		col("value", variant), col("minimum", variant), col("maximum", variant), col("value_in_use", variant),
		col("description", types.NVarCharType(255)), col("is_dynamic", tBit), col("is_advanced", tBit)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			srv := s.Server().ServerCatalog()
			var out []exec.Row
			for _, o := range configOptions {
				c, r := configValues(srv, o)
				out = append(out, exec.Row{in(int64(o.id)), nv(o.name), in(c), in(o.min), in(o.max), in(r), nv(o.description), bt(o.dynamic), bt(o.advance)})
			}
			return out, nil
		})
}
