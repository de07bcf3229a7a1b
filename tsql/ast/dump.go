package ast

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Dump renders a tree as indented text for golden tests and debugging:
// one node per line, its non-zero scalar fields as Name=value after the
// type name, child nodes below with their field names. Positions are left
// out, so trees of equivalent text compare equal.
func Dump(n Node) string {
	var b strings.Builder
	dump(&b, "", "", reflect.ValueOf(n), false)
	return b.String()
}

// DumpCanonical is Dump without the facts canonical SQL does not keep:
// whether an identifier was quoted (Ident.Quoted) and a literal's source
// spelling (Literal.Text; Value is kept). Trees whose canonical SQL is the
// same have the same DumpCanonical.
func DumpCanonical(n Node) string {
	var b strings.Builder
	dump(&b, "", "", reflect.ValueOf(n), true)
	return b.String()
}

// DumpBatch dumps each statement of a batch.
func DumpBatch(stmts []Statement) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(Dump(s))
	}
	return b.String()
}

// DumpBatchCanonical applies DumpCanonical to each statement of a batch.
func DumpBatchCanonical(stmts []Statement) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(DumpCanonical(s))
	}
	return b.String()
}

func dump(b *strings.Builder, indent, label string, v reflect.Value, canonical bool) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	b.WriteString(indent)
	b.WriteString(label)
	b.WriteString(v.Type().Name())
	type child struct {
		label string
		v     reflect.Value
	}
	var kids []child
	t := v.Type()
	for i := 0; i < v.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		if fv.IsZero() || canonical && (sf.Name == "Quoted" || sf.Name == "Text" && t.Name() == "Literal") {
			continue
		}
		switch fv.Kind() {
		case reflect.Pointer, reflect.Interface:
			kids = append(kids, child{sf.Name + ": ", fv})
		case reflect.Slice:
			for j := 0; j < fv.Len(); j++ {
				e := fv.Index(j)
				if e.Kind() == reflect.Slice {
					for k := 0; k < e.Len(); k++ {
						kids = append(kids, child{fmt.Sprintf("%s[%d][%d]: ", sf.Name, j, k), e.Index(k)})
					}
					continue
				}
				if e.Kind() == reflect.String {
					fmt.Fprintf(b, " %s[%d]=%s", sf.Name, j, strconv.Quote(e.String()))
					continue
				}
				kids = append(kids, child{fmt.Sprintf("%s[%d]: ", sf.Name, j), e})
			}
		case reflect.String:
			fmt.Fprintf(b, " %s=%s", sf.Name, strconv.Quote(fv.String()))
		default:
			if s, ok := fv.Interface().(fmt.Stringer); ok {
				fmt.Fprintf(b, " %s=%s", sf.Name, s.String())
			} else {
				fmt.Fprintf(b, " %s=%v", sf.Name, fv.Interface())
			}
		}
	}
	b.WriteString("\n")
	for _, k := range kids {
		dump(b, indent+"  ", k.label, k.v, canonical)
	}
}
