package exec_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestTableTypeConcurrentUse: sessions declare variables of one table type
// and pass rows to a READONLY parameter at the same time. The parsed type
// definition is shared between them (usertype.go), so this is the test -race
// runs for it; each session must see exactly its own rows.
func TestTableTypeConcurrentUse(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "ttconc")
	setup := newSASession(t, inst)
	for _, q := range []string{
		"CREATE TYPE dbo.Pairs AS TABLE (k int NOT NULL PRIMARY KEY, v nvarchar(10) NULL DEFAULT N'd', n int IDENTITY)",
		"CREATE PROCEDURE dbo.sum_pairs @p dbo.Pairs READONLY AS SELECT SUM(k), COUNT(v), MAX(n) FROM @p",
	} {
		if err := setup.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	const workers, rounds = 4, 20
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds*2)
	for w := 0; w < workers; w++ {
		s := newSASession(t, inst)
		wg.Add(1)
		go func(w int, s *exec.Session) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				out := &aggTrace{}
				q := "DECLARE @t dbo.Pairs; INSERT @t (k) VALUES (1), (2); EXEC dbo.sum_pairs @t"
				if err := s.ExecBatch(ctx, q, out); err != nil {
					errs <- err.Error()
					return
				}
				if got := strings.Join(out.lines, ";"); got != "--;3|2|2" {
					errs <- "batch: " + got
				}
				// The RPC path: rows handed over as a TableArg, identity not given.
				out = &aggTrace{}
				ta := &exec.TableArg{TypeName: "Pairs", Given: []bool{true, true, false},
					Rows: []exec.Row{{types.NewInt(int32(w)), types.Null(types.NVarChar), {}}, {types.NewInt(10), types.NewString(types.NVarChar, "x"), {}}}}
				if err := s.ExecuteSQL(ctx, "SELECT SUM(k), COUNT(v), MAX(n) FROM @p", "@p dbo.Pairs READONLY", []*exec.ProcArg{{Name: "@p", Table: ta}}, out); err != nil {
					errs <- err.Error()
					return
				}
				if got, want := strings.Join(out.lines, ";"), "--;"+strconv.Itoa(w+10)+"|1|2;msg 8153: Warning: Null value is eliminated by an aggregate or other SET operation."; got != want {
					errs <- "rpc: " + got + ", want " + want
				}
			}
		}(w, s)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
