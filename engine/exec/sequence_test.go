package exec

import (
	"errors"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
)

func TestAdvanceSequence(t *testing.T) {
	tests := []struct {
		name string
		seq  catalog.Sequence
		n    int     // values to take
		want []int64 // values handed out
		err  int32   // error number on the last take, 0 for none
	}{
		{"ascending from start", catalog.Sequence{Start: 10, Increment: 5, Min: 0, Max: 100}, 3, []int64{10, 15, 20}, 0},
		{"descending", catalog.Sequence{Start: 3, Increment: -1, Min: 1, Max: 3}, 3, []int64{3, 2, 1}, 0},
		{"exhausted at max", catalog.Sequence{Start: 254, Increment: 1, Min: 0, Max: 255}, 3, []int64{254, 255}, 11728},
		{"exhausted at min", catalog.Sequence{Start: 1, Increment: -1, Min: 0, Max: 5}, 3, []int64{1, 0}, 11728},
		{"cycle up wraps to min", catalog.Sequence{Start: 1, Increment: 1, Min: 1, Max: 2, Cycle: true}, 4, []int64{1, 2, 1, 2}, 0},
		{"cycle down wraps to max", catalog.Sequence{Start: 2, Increment: -1, Min: 1, Max: 2, Cycle: true}, 3, []int64{2, 1, 2}, 0},
		{"int64 overflow is exhaustion", catalog.Sequence{Start: 1<<63 - 2, Increment: 10, Min: 0, Max: 1<<63 - 1}, 2, []int64{1<<63 - 2}, 11728},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.seq
			var got []int64
			var err error
			for i := 0; i < tt.n && err == nil; i++ {
				var v int64
				if v, err = advanceSequence(&q); err == nil {
					got = append(got, v)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("values %v, want %v (err %v)", got, tt.want, err)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("values %v, want %v", got, tt.want)
				}
			}
			num, _, _ := errorIdentity(err)
			if (tt.err == 0) != (err == nil) || (err != nil && num != tt.err) {
				t.Fatalf("error %v, want number %d", err, tt.err)
			}
		})
	}
}

func TestCheckSequence(t *testing.T) {
	tests := []struct {
		name string
		seq  catalog.Sequence
		want int32
	}{
		{"valid", catalog.Sequence{Start: 1, Increment: 1, Min: 1, Max: 10}, 0},
		{"zero increment", catalog.Sequence{Start: 1, Increment: 0, Min: 1, Max: 10}, 11700},
		{"min not below max", catalog.Sequence{Start: 1, Increment: 1, Min: 10, Max: 10}, 11705},
		{"start below min", catalog.Sequence{Start: 0, Increment: 1, Min: 1, Max: 10}, 11703},
		{"start above max", catalog.Sequence{Start: 11, Increment: 1, Min: 1, Max: 10}, 11703},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkSequence(&tt.seq)
			var e *Error
			switch {
			case tt.want == 0 && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.want != 0 && (!errors.As(err, &e) || e.Number != tt.want):
				t.Fatalf("error %v, want %d", err, tt.want)
			}
		})
	}
}
