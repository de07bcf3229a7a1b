package exec

import (
	"regexp"
	"strings"
)

// Namespaces in xml method queries. ShowPlan XML and the other documents
// DBA scripts walk put every element in a default namespace; the scripts
// name them either with a prefix declared outside the query (WITH
// XMLNAMESPACES (… AS p) … p:RelOp), with a prolog ("declare namespace p =
// …; //p:RelOp", "declare default element namespace …") or with the
// wildcard (/*:ShowPlanXML/*:BatchSequence, sp_BlitzWho). XPath here
// matches a prefixed name by the prefix written in the document, so none of
// those would find an element. They are translated to a test on the local
// name: p:RelOp and *:RelOp become *[local-name()="RelOp"], and the prolog
// is dropped. The namespace URI itself is not compared — a document that
// uses one local name in two namespaces would match both, which the
// documents these scripts read never do. sql:, fn:, xs: and the axis
// separator (::) are left alone.

var (
	// xqProlog matches the namespace declarations of an XQuery prolog.
	xqProlog = regexp.MustCompile(`(?is)^\s*(declare\s+(default\s+element\s+)?namespace\s+([A-Za-z_][\w.-]*\s*=\s*)?("[^"]*"|'[^']*')\s*;\s*)+`)
	// xqQName matches a prefixed or wildcard name test: prefix:local or *:local.
	xqQName = regexp.MustCompile(`(@?)(\*|[A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*|\*)`)
)

// xqueryNamespaces rewrites namespace-qualified name tests of q as local-name
// tests, leaving string literals alone.
func xqueryNamespaces(q string) string {
	q = xqProlog.ReplaceAllString(q, "")
	if !strings.Contains(q, ":") {
		return q
	}
	var b strings.Builder
	for i := 0; i < len(q); {
		if c := q[i]; c == '"' || c == '\'' { // copy a literal whole
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				break
			}
			b.WriteString(q[i : i+j+2])
			i += j + 2
			continue
		}
		j := strings.IndexAny(q[i:], `"'`)
		if j < 0 {
			j = len(q) - i
		}
		b.WriteString(qualifiedToLocal(q[i : i+j]))
		i += j
	}
	return b.String()
}

// qualifiedToLocal rewrites the name tests of a stretch without literals.
func qualifiedToLocal(s string) string {
	return xqQName.ReplaceAllStringFunc(s, func(m string) string {
		sub := xqQName.FindStringSubmatch(m)
		attr, prefix, local := sub[1], sub[2], sub[3]
		switch strings.ToLower(prefix) {
		case "sql", "fn", "xs", "xdt", "local":
			return m
		}
		if local == "*" {
			return attr + "*"
		}
		return attr + `*[local-name()="` + local + `"]`
	})
}
