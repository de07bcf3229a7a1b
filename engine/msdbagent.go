package engine

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql"
)

// SQL Server Agent's catalog in msdb (msdb_agent.sql): made once, the first
// time the instance opens without it, in one transaction — one log flush,
// and a crash part-way leaves none of it, so the next start makes it again.

//go:embed msdb_agent.sql
var msdbAgentScript string

// msdb_alerts.sql came later: an msdb made before it gets it at its next
// start, as a new one does, since it is installed by its own marker table.
//
//go:embed msdb_alerts.sql
var msdbAlertsScript string

// installAgentCatalog runs msdb_agent.sql in msdb unless msdb.dbo.sysjobs
// exists, and msdb_alerts.sql unless msdb.dbo.sysalerts does.
func (inst *Instance) installAgentCatalog(ctx context.Context) error {
	if err := inst.installMsdbScript(ctx, "msdb_agent.sql", msdbAgentScript, "sysjobs"); err != nil {
		return err
	}
	return inst.installMsdbScript(ctx, "msdb_alerts.sql", msdbAlertsScript, "sysalerts")
}

// installMsdbScript runs script in msdb unless its table marker exists.
func (inst *Instance) installMsdbScript(ctx context.Context, name, script, marker string) error {
	msdb := inst.Database("msdb")
	if msdb == nil || msdb.Catalog().Table("dbo", marker) != nil {
		return nil
	}
	s, err := inst.NewSession("sa", "msdb", exec.SessionInfo{ConnInfo: exec.ConnInfo{Program: "mirrorsql msdb setup"}})
	if err != nil {
		return err
	}
	defer inst.EndSession(s)
	out := &errorsOnly{}
	batches := tsql.SplitScript(script)
	run := func(text string) error {
		if err := s.ExecBatch(ctx, text, out); err != nil {
			return err
		}
		return out.err
	}
	if err := run("BEGIN TRANSACTION"); err != nil {
		return err
	}
	for _, b := range batches {
		if err := run(b.Text); err != nil {
			_ = run("IF @@TRANCOUNT > 0 ROLLBACK")
			return fmt.Errorf("%s line %d: %w", name, b.Line, err)
		}
	}
	return run("COMMIT")
}

// errorsOnly is an exec.Output that keeps the first error and drops the
// rest of the output.
type errorsOnly struct{ err error }

func (o *errorsOnly) Columns([]exec.ResultColumn) error            { return nil }
func (o *errorsOnly) Row(exec.Row) error                           { return nil }
func (o *errorsOnly) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (o *errorsOnly) Message(*exec.Error) error                    { return nil }
func (o *errorsOnly) Transaction(exec.TranEvent, uint64) error     { return nil }
func (o *errorsOnly) DatabaseChanged(string, string) error         { return nil }
func (o *errorsOnly) ReturnStatus(int32) error                     { return nil }
func (o *errorsOnly) Error(err error) error {
	if o.err == nil {
		o.err = err
	}
	return nil
}
