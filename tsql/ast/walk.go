package ast

import "reflect"

// Visitor's Visit is called for each node reached by Walk. If the returned
// visitor w is not nil, Walk visits each child of node with w, then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node depth-first, children in field
// order (source order for every node the parser builds). It finds children
// by reflection over exported fields of node types, so it follows every
// node type without a per-type list; nil children are skipped.
func Walk(v Visitor, node Node) {
	if node == nil || isNilNode(node) {
		return
	}
	if v = v.Visit(node); v == nil {
		return
	}
	children(node, func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if node != nil && f(node) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at node in depth-first order, calling
// f for each node; if f returns false the node's children are skipped.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

var nodeType = reflect.TypeOf((*Node)(nil)).Elem()

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// children calls f for each non-nil child node of n in field order.
func children(n Node, f func(Node)) {
	v := reflect.ValueOf(n)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return
	}
	v = v.Elem()
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).Anonymous || !v.Type().Field(i).IsExported() {
			continue
		}
		visitValue(v.Field(i), f)
	}
}

func visitValue(fv reflect.Value, f func(Node)) {
	switch fv.Kind() {
	case reflect.Interface, reflect.Pointer:
		if fv.IsNil() || !fv.Type().Implements(nodeType) {
			return
		}
		if n, ok := fv.Interface().(Node); ok && !isNilNode(n) {
			f(n)
		}
	case reflect.Slice:
		for j := 0; j < fv.Len(); j++ {
			visitValue(fv.Index(j), f)
		}
	}
}
