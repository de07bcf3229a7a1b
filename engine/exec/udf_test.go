package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func TestCheckFunctionBody(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // side-effecting operator named by 443, "" when allowed
	}{
		{"return only", "RETURN 1", ""},
		{"table variable writes", "DECLARE @t TABLE (a int) INSERT @t VALUES (1) UPDATE @t SET a = 2 DELETE @t RETURN 1", ""},
		{"control flow", "DECLARE @i int = 0 WHILE @i < 3 BEGIN SET @i += 1 IF @i = 2 BREAK END RETURN @i", ""},
		{"insert into a table", "INSERT dbo.t VALUES (1) RETURN 1", "INSERT"},
		{"update in a nested block", "IF 1 = 1 BEGIN UPDATE dbo.t SET a = 1 END RETURN 1", "UPDATE"},
		{"delete in a loop", "WHILE 1 = 0 DELETE dbo.t RETURN 1", "DELETE"},
		{"print", "PRINT 'x' RETURN 1", "PRINT"},
		{"exec", "EXEC dbo.p RETURN 1", "EXECUTE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stmts, err := tsql.ParseBatch("CREATE FUNCTION dbo.f () RETURNS int AS BEGIN " + tt.body + " END")
			if err != nil {
				t.Fatal(err)
			}
			err = checkFunctionBody(stmts[0].(*ast.CreateFunctionStmt).Body)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			want := "Invalid use of a side-effecting operator '" + tt.want + "' within a function."
			if err == nil || err.Error() != want {
				t.Fatalf("got %v, want %q", err, want)
			}
			if num, _, _ := errorIdentity(err); num != 443 {
				t.Fatalf("number %d, want 443", num)
			}
		})
	}
}
