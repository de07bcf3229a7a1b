package txn

import (
	"errors"
	"testing"
)

func TestNesting(t *testing.T) {
	type step struct {
		op     string // begin, commit, save, rollback, doom
		name   string
		mark   int
		errNum int32
		commit bool // Commit's result
		all    bool // Rollback's All
		toMark int  // Rollback's savepoint mark when !all
		count  int  // @@TRANCOUNT after
		xact   XactState
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"commit without begin", []step{{op: "commit", errNum: 3902}}},
		{"rollback without begin", []step{{op: "rollback", errNum: 3903}}},
		{"save without begin", []step{{op: "save", name: "s", errNum: 628}}},
		{"nested commits", []step{
			{op: "begin", name: "outer", count: 1, xact: XactActive},
			{op: "begin", name: "inner", count: 2, xact: XactActive},
			{op: "commit", count: 1, xact: XactActive},
			{op: "commit", commit: true, count: 0, xact: XactNone},
		}},
		{"inner rollback rolls back everything", []step{
			{op: "begin", count: 1, xact: XactActive},
			{op: "begin", count: 2, xact: XactActive},
			{op: "rollback", all: true, count: 0, xact: XactNone},
			{op: "commit", errNum: 3902},
		}},
		{"rollback by outer name", []step{
			{op: "begin", name: "t1", count: 1, xact: XactActive},
			{op: "begin", name: "t2", count: 2, xact: XactActive},
			{op: "rollback", name: "t2", errNum: 6401, count: 2, xact: XactActive},
			{op: "rollback", name: "t1", all: true, count: 0, xact: XactNone},
		}},
		{"savepoints", []step{
			{op: "begin", count: 1, xact: XactActive},
			{op: "save", name: "a", mark: 10, count: 1, xact: XactActive},
			{op: "save", name: "b", mark: 20, count: 1, xact: XactActive},
			{op: "save", name: "a", mark: 30, count: 1, xact: XactActive},
			{op: "rollback", name: "b", toMark: 20, count: 1, xact: XactActive},
			{op: "rollback", name: "b", toMark: 20, count: 1, xact: XactActive}, // still there
			{op: "rollback", name: "a", toMark: 10, count: 1, xact: XactActive}, // the later "a" went with b
			{op: "rollback", name: "b", errNum: 6401, count: 1, xact: XactActive},
			{op: "rollback", name: "A", errNum: 6401, count: 1, xact: XactActive}, // case-sensitive
			{op: "commit", commit: true, count: 0, xact: XactNone},
		}},
		{"doomed", []step{
			{op: "begin", count: 1, xact: XactActive},
			{op: "save", name: "s", count: 1, xact: XactActive},
			{op: "doom", count: 1, xact: XactUncommittable},
			{op: "commit", errNum: 3930, count: 1, xact: XactUncommittable},
			{op: "rollback", name: "s", errNum: 3931, count: 1, xact: XactUncommittable},
			{op: "save", name: "t", errNum: 3931, count: 1, xact: XactUncommittable},
			{op: "rollback", all: true, count: 0, xact: XactNone},
			{op: "begin", count: 1, xact: XactActive}, // a new transaction is not doomed
			{op: "commit", commit: true, count: 0, xact: XactNone},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n Nesting[int]
			for i, s := range tc.steps {
				var err error
				switch s.op {
				case "begin":
					started := n.Begin(s.name)
					if started != (s.count == 1) {
						t.Errorf("step %d: Begin started=%v", i, started)
					}
				case "commit":
					var commit bool
					commit, err = n.Commit()
					if commit != s.commit {
						t.Errorf("step %d: Commit = %v, want %v", i, commit, s.commit)
					}
				case "save":
					err = n.Save(s.name, s.mark)
				case "rollback":
					var rb Rollback[int]
					rb, err = n.Rollback(s.name)
					if err == nil && (rb.All != s.all || !rb.All && rb.To.Mark != s.toMark) {
						t.Errorf("step %d: Rollback = %+v, want all=%v mark=%d", i, rb, s.all, s.toMark)
					}
				case "doom":
					n.Doom()
				}
				var e *Error
				switch {
				case s.errNum == 0 && err != nil:
					t.Fatalf("step %d (%s %s): unexpected error %v", i, s.op, s.name, err)
				case s.errNum != 0 && !errors.As(err, &e):
					t.Fatalf("step %d (%s %s): err = %v, want %d", i, s.op, s.name, err, s.errNum)
				case s.errNum != 0 && e.Number != s.errNum:
					t.Fatalf("step %d (%s %s): error %d, want %d", i, s.op, s.name, e.Number, s.errNum)
				}
				if n.TranCount() != s.count || n.XactState() != s.xact {
					t.Fatalf("step %d (%s %s): @@TRANCOUNT=%d XACT_STATE=%d, want %d, %d",
						i, s.op, s.name, n.TranCount(), n.XactState(), s.count, s.xact)
				}
			}
		})
	}
}

func TestIsolation(t *testing.T) {
	tests := []struct {
		text  string
		want  Isolation
		take  bool
		dur   Duration
		valid bool
	}{
		{"READ UNCOMMITTED", ReadUncommitted, false, ForStatement, true},
		{"read   committed", ReadCommitted, true, ForStatement, true},
		{"Repeatable Read", RepeatableRead, true, ForTransaction, true},
		{"SERIALIZABLE", Serializable, true, ForTransaction, true},
		{"snapshot", Snapshot, false, ForStatement, true},
		{"CHAOS", IsolationUnspecified, true, ForStatement, false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			got, ok := ParseIsolation(tc.text)
			if got != tc.want || ok != tc.valid || got.Valid() != tc.valid {
				t.Fatalf("ParseIsolation = %v, %v; want %v, %v", got, ok, tc.want, tc.valid)
			}
			if take, dur := got.SharedLocks(); take != tc.take || dur != tc.dur {
				t.Errorf("SharedLocks = %v, %v; want %v, %v", take, dur, tc.take, tc.dur)
			}
			if ok {
				if back, _ := ParseIsolation(got.String()); back != got {
					t.Errorf("String %q does not parse back", got)
				}
			}
		})
	}
	// TDS transaction-manager numbering.
	if ReadUncommitted != 1 || ReadCommitted != 2 || RepeatableRead != 3 || Serializable != 4 || Snapshot != 5 {
		t.Error("isolation levels must use TDS numbering 1..5")
	}
	ids := NewIDSource(41)
	if a, b := ids.Next(), ids.Next(); a != 42 || b != 43 {
		t.Errorf("ids = %d, %d; want 42, 43", a, b)
	}
}
