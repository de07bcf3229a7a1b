package exec_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// helpRecorder writes what a batch sends as lines: "> a|b" for a result
// set's columns, "a|b" for a row, "msg: text" for a message. Values of a
// column named Created_datetime are "*" (the time the test ran).
type helpRecorder struct {
	lines []string
	skip  int
}

func (h *helpRecorder) Columns(cols []exec.ResultColumn) error {
	names := make([]string, len(cols))
	h.skip = -1
	for i, c := range cols {
		names[i] = c.Name
		if c.Name == "Created_datetime" {
			h.skip = i
		}
	}
	h.lines = append(h.lines, "> "+strings.Join(names, "|"))
	return nil
}

func (h *helpRecorder) Row(r exec.Row) error {
	vals := make([]string, len(r))
	for i, v := range r {
		switch {
		case i == h.skip:
			vals[i] = "*"
		case v.IsNull():
			vals[i] = "NULL"
		default:
			vals[i] = v.String()
		}
	}
	h.lines = append(h.lines, strings.Join(vals, "|"))
	return nil
}

func (h *helpRecorder) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (h *helpRecorder) Message(m *exec.Error) error {
	n := ""
	if m.Number != 0 {
		n = strconv.Itoa(int(m.Number)) + " "
	}
	h.lines = append(h.lines, "msg: "+n+m.Message)
	return nil
}
func (h *helpRecorder) Error(err error) error                    { return err }
func (h *helpRecorder) Transaction(exec.TranEvent, uint64) error { return nil }
func (h *helpRecorder) DatabaseChanged(string, string) error     { return nil }
func (h *helpRecorder) ReturnStatus(int32) error                 { return nil }

// TestSpHelpResultSets checks sp_help's result sets, columns and messages
// as SQL Server's procedure sends them (sp_help.go), and the procedures
// that answered 2812 before: sp_helptrigger, sp_helpfilegroup,
// sp_helpserver (sp_helpmore.go); sp_helpindex on a heap prints 15472.
func TestSpHelpResultSets(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "sh"))
	for _, q := range []string{
		"CREATE DATABASE sh", "USE sh",
		"CREATE TABLE dbo.parent (id int NOT NULL PRIMARY KEY)",
		`CREATE TABLE dbo.t (id int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_t PRIMARY KEY, code varchar(10) NULL, name nvarchar(50) NOT NULL,
			amount decimal(9, 2) NULL, f float NULL, at datetime NULL, pid int NULL CONSTRAINT FK_t_parent REFERENCES dbo.parent (id), who sysname)`,
		"CREATE TABLE dbo.heap (a int)",
		"CREATE TRIGGER dbo.tr_t ON dbo.t AFTER INSERT, DELETE AS SET NOCOUNT ON",
		"CREATE PROCEDURE dbo.p @a int, @b varchar(20) OUTPUT AS SELECT 1",
	} {
		if err := s.ExecBatch(ctx, q, &helpRecorder{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	cases := []struct {
		name, sql string
		want      []string
	}{
		{"a table", "EXEC sp_help 'dbo.t'", []string{
			"> Name|Owner|Type|Created_datetime",
			"t|dbo|user table|*",
			"> Column_name|Type|Computed|Length|Prec|Scale|Nullable|TrimTrailingBlanks|FixedLenNullInSource|Collation",
			"id|int|no|4|10   |0    |no|(n/a)|(n/a)|NULL",
			"code|varchar|no|10|     |     |yes|no|yes|SQL_Latin1_General_CP1_CI_AS",
			"name|nvarchar|no|100|     |     |no|(n/a)|(n/a)|SQL_Latin1_General_CP1_CI_AS",
			"amount|decimal|no|5|9    |2    |yes|(n/a)|(n/a)|NULL",
			"f|float|no|8|53   |NULL|yes|(n/a)|(n/a)|NULL",
			"at|datetime|no|8|23   |3    |yes|(n/a)|(n/a)|NULL",
			"pid|int|no|4|10   |0    |yes|(n/a)|(n/a)|NULL",
			"who|sysname|no|256|     |     |no|(n/a)|(n/a)|SQL_Latin1_General_CP1_CI_AS",
			"msg:  ",
			"> Identity|Seed|Increment|Not For Replication",
			"id|1|1|0",
			"msg:  ",
			"> RowGuidCol",
			"No rowguidcol column defined.",
			"msg:  ",
			"> Data_located_on_filegroup",
			"PRIMARY",
			"msg:  ",
			"> index_name|index_description|index_keys",
			"PK_t|clustered, unique, primary key located on PRIMARY|id",
			"msg:  ",
			"> constraint_type|constraint_name|delete_action|update_action|status_enabled|status_for_replication|constraint_keys",
			"FOREIGN KEY|FK_t_parent|No Action|No Action|Enabled|Is_For_Replication|pid",
			" | | | | | |REFERENCES sh.dbo.parent (id)",
			"PRIMARY KEY (clustered)|PK_t|(n/a)|(n/a)|(n/a)|(n/a)|id",
			"msg:  ",
			"msg: 15470 No foreign keys reference table 'dbo.t', or you do not have permissions on referencing tables.",
		}},
		{"a heap", "EXEC sp_help 'dbo.heap'", []string{
			"> Name|Owner|Type|Created_datetime",
			"heap|dbo|user table|*",
			"> Column_name|Type|Computed|Length|Prec|Scale|Nullable|TrimTrailingBlanks|FixedLenNullInSource|Collation",
			"a|int|no|4|10   |0    |yes|(n/a)|(n/a)|NULL",
			"msg:  ",
			"> Identity|Seed|Increment|Not For Replication",
			"No identity column defined.|NULL|NULL|NULL",
			"msg:  ",
			"> RowGuidCol",
			"No rowguidcol column defined.",
			"msg:  ",
			"> Data_located_on_filegroup",
			"PRIMARY",
			"msg:  ",
			"msg: 15472 The object 'dbo.heap' does not have any indexes, or you do not have permissions.",
			"msg:  ",
			"msg: 15469 No constraints are defined on object 'dbo.heap', or you do not have permissions.",
			"msg:  ",
			"msg: 15470 No foreign keys reference table 'dbo.heap', or you do not have permissions on referencing tables.",
		}},
		{"a procedure", "EXEC sp_help 'dbo.p'", []string{
			"> Name|Owner|Type|Created_datetime",
			"p|dbo|stored procedure|*",
			"> Parameter_name|Type|Length|Prec|Scale|Param_order|Collation",
			"@a|int|4|10|0|1|NULL",
			"@b|varchar|20|20|NULL|2|SQL_Latin1_General_CP1_CI_AS",
		}},
		{"a trigger", "EXEC sp_help 'dbo.tr_t'", []string{
			"> Name|Owner|Type|Created_datetime",
			"tr_t|dbo|trigger|*",
		}},
		{"a data type", "EXEC sp_help 'sysname'", []string{
			"> Type_name|Storage_type|Length|Prec|Scale|Nullable|Default_name|Rule_name|Collation",
			"sysname|nvarchar|256|0|0|no|none|none|SQL_Latin1_General_CP1_CI_AS",
		}},
		{"sp_helptrigger", "EXEC sp_helptrigger 'dbo.t'", []string{
			"> trigger_name|trigger_owner|isupdate|isdelete|isinsert|isafter|isinsteadof|trigger_schema",
			"tr_t|dbo|0|1|1|1|0|dbo",
		}},
		{"sp_helptrigger of a type", "EXEC sp_helptrigger 'dbo.t', 'UPDATE'", []string{
			"> trigger_name|trigger_owner|isupdate|isdelete|isinsert|isafter|isinsteadof|trigger_schema",
		}},
		{"sp_helpfilegroup", "EXEC sp_helpfilegroup", []string{
			"> groupname|groupid|filecount",
			"PRIMARY|1|1",
		}},
		{"sp_helpserver", "EXEC sp_helpserver", []string{
			"> name|network_name|status|id|collation_name|connect_timeout|query_timeout",
			"sh|sh|rpc,rpc out,use remote collation|0   |NULL|0|0",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var h helpRecorder
			if err := s.ExecBatch(ctx, tc.sql, &h); err != nil {
				t.Fatalf("%v", err)
			}
			if got, want := strings.Join(h.lines, "\n"), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	for _, tc := range []struct {
		sql    string
		number int32
	}{
		{"EXEC sp_help 'dbo.nope'", 15009},
		{"EXEC sp_helptrigger 'dbo.nope'", 15009},
		{"EXEC sp_helptrigger 'dbo.t', 'select'", 15305},
		{"EXEC sp_helpserver 'nope'", 15015},
	} {
		err := s.ExecBatch(ctx, tc.sql, &helpRecorder{})
		if e, ok := err.(*exec.Error); !ok || e.Number != tc.number {
			t.Errorf("%s: got %v, want error %d", tc.sql, err, tc.number)
		}
	}
}
