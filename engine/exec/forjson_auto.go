package exec

import "strings"

// jsonAutoWriter writes FOR JSON AUTO's rows when the select list reads
// more than one table: each table's columns form an object, and the
// objects of the next table are an array inside it, keyed by that table's
// alias (or name). Consecutive rows whose values on a level are the same
// share that level's object, as FOR XML AUTO shares elements ("D":[{…},{…}]
// under one order on the FOR JSON AUTO page).
type jsonAutoWriter struct {
	opts   forJSONOptions
	names  []string
	levels []xmlLevel
	open   []Row  // the row each open level's object was started for
	filled []bool // whether the open object has a member written yet
}

// row writes one result row (renderRows' callback; i is its index).
func (w *jsonAutoWriter) row(b *strings.Builder, i int, r Row) error {
	keep := 0
	for keep < len(w.open) && keep < len(w.levels)-1 && sameValues(w.open[keep], r, w.levels[keep].cols) {
		keep++
	}
	w.closeTo(b, keep)
	for l := keep; l < len(w.levels); l++ {
		switch {
		case l == 0:
			if i > 0 {
				b.WriteByte(',')
			}
		case l == keep:
			b.WriteByte(',') // a sibling in the array still open
		default:
			if w.filled[l-1] {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(w.levels[l].raw) + ":[")
			w.filled[l-1] = true
		}
		b.WriteByte('{')
		wrote, err := w.members(b, w.levels[l].cols, r)
		if err != nil {
			return err
		}
		w.open = append(w.open, append(Row(nil), r...))
		w.filled = append(w.filled, wrote)
	}
	return nil
}

// closeTo closes the open objects deeper than level n, and the arrays of
// those that are not siblings to come (level n's own stays open).
func (w *jsonAutoWriter) closeTo(b *strings.Builder, n int) {
	for len(w.open) > n {
		l := len(w.open) - 1
		b.WriteByte('}')
		if l > n {
			b.WriteByte(']')
		}
		w.open, w.filled = w.open[:l], w.filled[:l]
	}
}

// members writes the level's columns of r as "name":value pairs.
func (w *jsonAutoWriter) members(b *strings.Builder, cols []int, r Row) (bool, error) {
	wrote := false
	for _, i := range cols {
		v := r[i]
		if v.IsNull() && !w.opts.nulls {
			continue
		}
		if wrote {
			b.WriteByte(',')
		}
		wrote = true
		text, err := jsonValueText(v)
		if err != nil {
			return false, err
		}
		if i < len(w.opts.raw) && w.opts.raw[i] && !v.IsNull() {
			text = v.Str()
		}
		b.WriteString(jsonString(w.names[i]) + ":" + text)
	}
	return wrote, nil
}
