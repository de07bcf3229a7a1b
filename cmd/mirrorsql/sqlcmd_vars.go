package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// sqlcmdVars are scripting variables: names are case-insensitive; -v and
// :setvar values win over the environment.
type sqlcmdVars struct {
	m      map[string]string
	getenv func(string) string
}

func newSqlcmdVars(getenv func(string) string) *sqlcmdVars {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return &sqlcmdVars{m: map[string]string{}, getenv: getenv}
}

func (v *sqlcmdVars) set(name, value string) { v.m[strings.ToUpper(name)] = value }
func (v *sqlcmdVars) unset(name string)      { delete(v.m, strings.ToUpper(name)) }

func (v *sqlcmdVars) get(name string) (string, bool) {
	if val, ok := v.m[strings.ToUpper(name)]; ok {
		return val, true
	}
	if val := v.getenv(name); val != "" {
		return val, true
	}
	if val := v.getenv(strings.ToUpper(name)); val != "" {
		return val, true
	}
	return "", false
}

// list prints the variables set by -v and :setvar (:listvar), sorted.
func (v *sqlcmdVars) list(w io.Writer) {
	names := make([]string, 0, len(v.m))
	for k := range v.m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "%-20s %q\n", k, v.m[k])
	}
}

// undefinedVarError is sqlcmd's error for $(NAME) with no value.
type undefinedVarError struct{ name string }

func (e undefinedVarError) Error() string {
	return fmt.Sprintf("'%s' scripting variable not defined.", e.name)
}

// substitute replaces every $(NAME) in s, inside strings too, as sqlcmd
// does. Replaced text is not scanned again. "$(" not followed by a valid name
// and ")" is left as it is.
func (v *sqlcmdVars) substitute(s string) (string, error) {
	if !strings.Contains(s, "$(") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "$(")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.IndexByte(s[i+2:], ')')
		if j < 0 || !validVarName(s[i+2:i+2+j]) {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		name := s[i+2 : i+2+j]
		val, ok := v.get(name)
		if !ok {
			return "", undefinedVarError{name}
		}
		b.WriteString(s[:i])
		b.WriteString(val)
		s = s[i+2+j+1:]
	}
}

// validVarName reports whether name is a scripting variable name: letters,
// digits, '_' and '-', not starting with a digit.
func validVarName(name string) bool {
	if name == "" || (name[0] >= '0' && name[0] <= '9') {
		return false
	}
	for _, r := range name {
		switch {
		case r == '_' || r == '-', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r > 127:
		default:
			return false
		}
	}
	return true
}
