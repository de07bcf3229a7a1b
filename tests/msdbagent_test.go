package tests

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestAgentCatalogAcrossRestart: SQL Server Agent's tables and procedures
// are made in msdb at the first start without a warning, a job added
// through them survives SIGKILL and a restart, and the restart does not
// make them again (the job would be gone, or the start would warn that the
// tables exist).
func TestAgentCatalogAcrossRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "agentcat"})
	db := srv.DB("msdb")
	mustExec(t, db, "EXEC dbo.sp_add_job @job_name = N'nightly'")
	mustExec(t, db, "EXEC dbo.sp_add_jobstep @job_name = N'nightly', @step_name = N'one', @command = N'SELECT 1'")
	srv.Kill()
	srv.Restart()
	db = srv.DB("msdb")
	var jobs, steps int
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM dbo.sysjobs), (SELECT COUNT(*) FROM dbo.sysjobsteps)").Scan(&jobs, &steps); err != nil {
		t.Fatal(err)
	}
	if jobs != 1 || steps != 1 {
		t.Errorf("after restart: %d jobs, %d steps; want 1 and 1", jobs, steps)
	}
	if out := srv.Output(); strings.Contains(out, "Agent's tables") {
		t.Errorf("a start warned about the Agent catalog:\n%s", out)
	}
}
