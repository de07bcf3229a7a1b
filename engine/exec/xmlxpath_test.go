package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func TestXPathLiteral(t *testing.T) {
	tests := []struct {
		v    types.Value
		want string
	}{
		{types.NewInt(42), "42"},
		{types.NewString(types.NVarChar, "abc"), `"abc"`},
		{types.NewString(types.NVarChar, `say "hi"`), `'say "hi"'`},
		{types.NewString(types.NVarChar, `a"b'c`), `concat("a", '"', "b'c")`},
		{types.Null(types.Int), "/.."},
	}
	for _, tt := range tests {
		if got := xpathLiteral(tt.v); got != tt.want {
			t.Errorf("xpathLiteral(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

// TestXQueryRun evaluates translated XQuery against documents and nodes()
// contexts without a session.
func TestXQueryRun(t *testing.T) {
	tests := []struct {
		doc     string
		nodeCtx bool
		q       string
		want    []string // string values of the items
	}{
		{`<r><i>1</i><i>2</i></r>`, false, `/r/i[2]`, []string{"2"}},
		{`<r><i>1</i><i>2</i></r>`, false, `count(/r/i)`, []string{"2"}},
		{`<r><i a="x">1</i></r>`, false, `data(/r/i/@a)`, []string{"x"}},
		{`<r><i a="x">1</i></r>`, false, `fn:local-name(/*[1])`, []string{"r"}},
		{`<i a="x">1</i>`, true, `@a`, []string{"x"}},
		{`<i a="x">1</i>`, true, `.`, []string{"1"}},
		{`<?xml version="1.0"?><i a="x">1</i>`, true, `@a`, []string{"x"}},
		{`plain text`, false, `text()`, []string{"plain text"}},
		{`<r/>`, false, `/r/missing`, nil},
		// Namespaces (xmlxpath_ns.go): prefixes, the wildcard and a prolog
		// find elements of a default namespace by their local name.
		{`<S xmlns="urn:s"><Q><R P="Seek"/></Q></S>`, false, `/*:S/*:Q/*:R/@P`, []string{"Seek"}},
		{`<S xmlns="urn:s"><Q><R P="Seek"/></Q></S>`, false, `declare namespace p="urn:s"; //p:R/@P`, []string{"Seek"}},
		{`<S xmlns="urn:s"><Q><R P="Seek"/></Q></S>`, false, `count(descendant::p:R[@P="a:b"])`, []string{"0"}},
		{`<S xmlns="urn:s"><Q><R P="Seek"/></Q></S>`, false, `declare default element namespace "urn:s"; count(//R)`, []string{"1"}},
		// Aggregates around the whole query (xmlxpath_agg.go).
		{`<S xmlns="urn:s"><R P="1"/><R P="0"/><R P="3"/></S>`, false, `declare namespace p="urn:s";max(//p:R/@P)`, []string{"3"}},
		{`<S><R P="1"/><R P="0"/><R P="3"/></S>`, false, `min(//R/@P)`, []string{"0"}},
		{`<S><R P="1"/><R P="2"/></S>`, false, `avg(//R/@P)`, []string{"1.5"}},
		{`<S><F n="a"/><F n="b"/><F n="a"/></S>`, false, `count(distinct-values(//F[not(@x)]/@n))`, []string{"2"}},
		{`<S/>`, false, `max(//R/@P)`, nil},
	}
	c := &compiler{}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q, err := c.compileXQuery("value", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			ctx, err := parseXMLContext(tt.doc, tt.nodeCtx)
			if err != nil {
				t.Fatal(err)
			}
			items, err := q.run(q.fixed, ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.str())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

// FuzzXQuery checks that no XQuery text or document panics the evaluator:
// each gives items or an error.
func FuzzXQuery(f *testing.F) {
	f.Add(`<r><i a="1">1</i></r>`, `/r/i[@a="1"]`)
	f.Add(`<a/>`, `for $i in /a return $i`)
	f.Add(`x`, `sum(//*)`)
	c := &compiler{}
	f.Fuzz(func(t *testing.T, doc, q string) {
		if sqlRef.MatchString(q) {
			return // needs a session to compile the reference
		}
		x, err := c.compileXQuery("query", q)
		if err != nil || x.fixed == nil {
			return
		}
		ctx, err := parseXMLContext(doc, false)
		if err != nil {
			return
		}
		_, _ = x.run(x.fixed, ctx)
	})
}

// FuzzXMLDML checks that no modify() text or document panics: each
// changes the document or fails with an error.
func FuzzXMLDML(f *testing.F) {
	f.Add(`<r><b>1</b></r>`, `insert <a/> as first into (/r)[1]`)
	f.Add(`<r a="1"/>`, `delete /r/@a`)
	f.Add(`<r><b>1</b></r>`, `replace value of (/r/b/text())[1] with "2"`)
	f.Add(`<r/>`, `insert attribute x {"v"} into (/r)[1]`)
	c := &compiler{}
	f.Fuzz(func(t *testing.T, doc, dml string) {
		if sqlRef.MatchString(dml) {
			return // needs a session to compile the reference
		}
		d, err := c.compileXMLDML(dml)
		if err != nil {
			return
		}
		root, err := parseXMLContext(doc, false)
		if err != nil {
			return
		}
		_ = d.apply(nil, nil, root)
	})
}
