package exec

// The catalog views of filteredViews (perm_visible.go) show only what the
// session may see. Their row functions are wrapped here, once, after
// sysviews.go registered them: the go command initializes a package's
// files in file-name order, and this file sorts after sysviews.go (the
// panic makes a change of that order fail every test at once rather than
// show every object to everyone).
func init() {
	wrapped := map[*virtualTable]bool{} // sys.all_columns is sys.columns
	for name := range filteredViews {
		vt := systemViews[name]
		if vt == nil {
			panic("exec: catalog view " + name + " is filtered for visibility but not registered")
		}
		if wrapped[vt] {
			continue
		}
		wrapped[vt] = true
		rows := vt.rows
		vt.rows = func(s *Session, db Database) ([]Row, error) {
			out, err := rows(s, db)
			if err != nil {
				return nil, err
			}
			return s.filterVisible(name, db, out), nil
		}
	}
}
