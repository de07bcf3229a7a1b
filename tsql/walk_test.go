package tsql

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// reflectNodes lists every node reachable from n through exported fields,
// depth-first in field order: the oracle for the generated ast.Walk.
func reflectNodes(n ast.Node, out *[]ast.Node) {
	v := reflect.ValueOf(n)
	if !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		return
	}
	*out = append(*out, n)
	v = v.Elem()
	for i := 0; i < v.NumField(); i++ {
		if sf := v.Type().Field(i); sf.Anonymous || !sf.IsExported() {
			continue
		}
		reflectValue(v.Field(i), out)
	}
}

func reflectValue(fv reflect.Value, out *[]ast.Node) {
	switch fv.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !fv.IsNil() && fv.Type().Implements(nodeType) {
			reflectNodes(fv.Interface().(ast.Node), out)
		}
	case reflect.Slice:
		for j := 0; j < fv.Len(); j++ {
			reflectValue(fv.Index(j), out)
		}
	}
}

// TestWalkComplete checks, on every golden tree, that ast.Inspect visits
// exactly the nodes reachable by reflection, in the same order (so the
// generated walk_gen.go is complete and up to date).
func TestWalkComplete(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.txt")
	checked := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range strings.Split(string(b), "\nparse\n") {
			i := strings.Index(c, "\n----\n")
			if i < 0 {
				continue
			}
			stmts, err := ParseBatch(strings.TrimPrefix(c[:i], "parse\n"))
			if err != nil {
				continue
			}
			for _, s := range stmts {
				var want, got []ast.Node
				reflectNodes(s, &want)
				ast.Inspect(s, func(n ast.Node) bool { got = append(got, n); return true })
				if len(got) != len(want) {
					t.Fatalf("%s: Inspect visited %d nodes, reflection finds %d in %s", path, len(got), len(want), s.SQL())
				}
				for k := range got {
					if got[k] != want[k] {
						t.Fatalf("%s: node %d differs: %T vs %T in %s", path, k, got[k], want[k], s.SQL())
					}
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d statements", checked)
	}
}

// TestSpans checks, on every golden tree, that each node has a valid span
// inside the batch and inside its parent's span.
func TestSpans(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.txt")
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range strings.Split(string(b), "\nparse\n") {
			i := strings.Index(c, "\n----\n")
			if i < 0 {
				continue
			}
			src := strings.TrimPrefix(c[:i], "parse\n")
			stmts, err := ParseBatch(src)
			if err != nil {
				continue
			}
			for _, s := range stmts {
				checkSpans(t, src, s, s)
			}
		}
	}
}

func checkSpans(t *testing.T, src string, parent, n ast.Node) {
	t.Helper()
	if !n.Pos().IsValid() || n.End() < n.Pos() || n.End().Offset() > len(src) {
		t.Errorf("%T has span %d..%d in %q", n, n.Pos(), n.End(), src)
		return
	}
	if n != parent && (n.Pos() < parent.Pos() || n.End() > parent.End()) {
		t.Errorf("%T %q (%d..%d) outside its parent %T (%d..%d) in %q", n, src[n.Pos().Offset():n.End().Offset()], n.Pos(), n.End(), parent, parent.Pos(), parent.End(), src)
		return
	}
	var kids []ast.Node
	ast.Inspect(n, func(c ast.Node) bool {
		if c == n {
			return true
		}
		kids = append(kids, c)
		return false
	})
	for _, k := range kids {
		checkSpans(t, src, n, k)
	}
}
