package ast

import "reflect"

//go:generate go run ./internal/genwalk

// Visitor's Visit is called for each node reached by Walk. If the returned
// visitor w is not nil, Walk visits each child of node with w, then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node depth-first, children in field
// order (source order for every node the parser builds); nil children are
// skipped. The per-type child lists are generated from the node structs
// (walk_gen.go, go generate), so every node field is followed.
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

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// nodeRef is a node interface or node pointer type; its zero value is nil.
type nodeRef interface {
	Node
	comparable
}

// visit calls f(x) unless x is nil.
func visit[T nodeRef](f func(Node), x T) {
	var zero T
	if x != zero {
		f(x)
	}
}

// each calls f for each non-nil element of xs.
func each[T nodeRef](f func(Node), xs []T) {
	var zero T
	for _, x := range xs {
		if x != zero {
			f(x)
		}
	}
}

// eachRow calls f for each non-nil element of each row.
func eachRow[T nodeRef](f func(Node), rows [][]T) {
	for _, r := range rows {
		each(f, r)
	}
}
