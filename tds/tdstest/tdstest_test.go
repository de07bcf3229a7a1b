package tdstest_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tds/tdstest"
)

type handler struct{}
type session struct{}

func (handler) Login(context.Context, *tds.LoginRequest) (tds.Session, error) { return session{}, nil }
func (session) LoginInfo() tds.LoginAck                                       { return tds.LoginAck{} }
func (session) Close()                                                        {}
func (session) Batch(_ context.Context, r *tds.BatchRequest, w tds.ResultWriter) error {
	if err := w.Columns([]tds.Column{{Name: "t", Type: tds.TypeNVarChar(100)}}); err != nil {
		return err
	}
	if err := w.Row([]any{r.Text}); err != nil {
		return err
	}
	return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 1)
}
func (session) RPC(context.Context, *tds.RPCRequest, tds.ResultWriter) error { return nil }
func (session) Transaction(context.Context, *tds.TMRequest, tds.ResultWriter) error {
	return nil
}

func TestRecorder(t *testing.T) {
	var r tdstest.Recorder
	if err := (session{}).Batch(context.Background(), &tds.BatchRequest{Text: "hello"}, &r); err != nil {
		t.Fatal(err)
	}
	want := "columns t:0xe7\nrow [hello]\ndone kind=0xfd status=0x10 cmd=0xc1 rows=1\n"
	if r.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", r.String(), want)
	}
	if rows := r.Rows(0); len(rows) != 1 || rows[0][0] != "hello" {
		t.Fatalf("rows %v", rows)
	}
	if err := r.Row([]any{1}); err == nil {
		t.Fatal("Row after Done accepted")
	}
}

func TestStartServer(t *testing.T) {
	s := tdstest.StartServer(t, handler{})
	for _, params := range []string{"encrypt=disable", "encrypt=true&trustservercertificate=true"} {
		db, err := sql.Open("sqlserver", s.DSN("u", "p@ss w/rd", params))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.QueryRow("select text").Scan(&got); err != nil || got != "select text" {
			t.Fatalf("%s: %q %v", params, got, err)
		}
		db.Close()
	}
}
