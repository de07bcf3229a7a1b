package exec_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// failAfter fails the output (a client gone) at row n.
type failAfter struct {
	collectOutput
	n, rows int
}

var errClientGone = errors.New("client gone")

func (f *failAfter) Row(exec.Row) error {
	if f.rows++; f.rows == f.n {
		return errClientGone
	}
	return nil
}

// readAheadGoroutines counts goroutines running a read-ahead stage. A stage
// that has just closed its done channel may still be on its way out, so the
// count is retried (yielding) a bounded number of times before it is
// believed; a leaked stage stays blocked forever and is counted every time.
func readAheadGoroutines() (int, string) {
	var n int
	var stacks []string
	for range 1000 {
		buf := make([]byte, 1<<22)
		buf = buf[:runtime.Stack(buf, true)]
		n, stacks = 0, nil
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "exec.(*readAhead)") || strings.Contains(g, "exec.startReadAhead") {
				n++
				stacks = append(stacks, g)
			}
		}
		if n == 0 {
			return 0, ""
		}
		runtime.Gosched()
	}
	return n, strings.Join(stacks, "\n\n")
}

// TestReviewReadAheadNoLeak (review of 806aa79): statements that end early
// or with an error after their scan started reading ahead leave no stage
// goroutine behind once ExecBatch returns (close waits for both stages).
func TestReviewReadAheadNoLeak(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "ral"))
	for _, q := range []string{
		"CREATE DATABASE ral",
		"USE ral",
		"CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)",
		"SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < 100 BEGIN INSERT dbo.d VALUES (@i) SET @i += 1 END COMMIT",
		"CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, val int NOT NULL, pad varchar(20) NOT NULL)",
		"INSERT dbo.t SELECT a.n*100+c.n, (a.n*7+c.n) % 100, CASE WHEN a.n*100+c.n = 9000 THEN 'x' ELSE '1' END FROM dbo.d a CROSS JOIN dbo.d c",
	} {
		if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	cases := []struct {
		name    string
		batch   string
		out     func() exec.Output
		wantErr bool
	}{
		{"divide by zero mid-scan", "SELECT id / (id - 9000) FROM dbo.t", func() exec.Output { return &collectOutput{} }, true},
		{"conversion error mid-scan", "SELECT CAST(pad AS int) FROM dbo.t", func() exec.Output { return &collectOutput{} }, true},
		{"caught in TRY", "BEGIN TRY SELECT CAST(pad AS int) FROM dbo.t END TRY BEGIN CATCH SELECT ERROR_NUMBER() END CATCH", func() exec.Output { return &collectOutput{} }, false},
		{"client fails at row 5000", "SELECT id, pad FROM dbo.t", func() exec.Output { return &failAfter{n: 5000} }, true},
		{"error in aggregate over join", "SELECT SUM(t.id / (t.id - 9000)) FROM dbo.t JOIN dbo.t u ON u.id = t.id", func() exec.Output { return &collectOutput{} }, true},
		{"TOP 6000", "SELECT TOP 6000 id FROM dbo.t", func() exec.Output { return &collectOutput{} }, false},
		{"EXISTS over long scan", "SELECT CASE WHEN EXISTS (SELECT 1 FROM dbo.t WHERE pad = 'x') THEN 1 END", func() exec.Output { return &collectOutput{} }, false},
		{"INSERT SELECT failing", "CREATE TABLE #x (v int) INSERT #x SELECT CAST(pad AS int) FROM dbo.t", func() exec.Output { return &collectOutput{} }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := exec.ReadAheadStarts()
			err := s.ExecBatch(ctx, c.batch, c.out())
			if (err != nil) != c.wantErr {
				t.Logf("error %v (want error: %v)", err, c.wantErr)
			}
			if exec.ReadAheadStarts() == before {
				t.Logf("no read-ahead started")
			}
			if n, stacks := readAheadGoroutines(); n != 0 {
				t.Fatalf("%d read-ahead goroutines left after the statement:\n%s", n, stacks)
			}
		})
	}
	s.Close()
	if n, stacks := readAheadGoroutines(); n != 0 {
		t.Fatalf("%d read-ahead goroutines left after the session closed:\n%s", n, stacks)
	}
}
