package session

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tds"
)

// tableArg converts a table-valued parameter decoded from an RPC request to
// the executor's table argument: each value through paramValue, as scalar
// parameters are; columns the client flagged default are left to the table
// type's identity or DEFAULT (Given false).
func tableArg(v *tds.TVP) (*exec.TableArg, error) {
	ta := &exec.TableArg{TypeName: v.Name, Rows: make([]exec.Row, 0, len(v.Rows)), Given: make([]bool, len(v.Columns))}
	for i, c := range v.Columns {
		ta.Given[i] = !c.Default
	}
	for ri, in := range v.Rows {
		row := make(exec.Row, len(in))
		for i, c := range v.Columns {
			if c.Default {
				continue
			}
			val, _, err := paramValue(tds.Param{Type: c.Type, Value: in[i]})
			if err != nil {
				return nil, fmt.Errorf("row %d column %d: %w", ri+1, i+1, err)
			}
			row[i] = val
		}
		ta.Rows = append(ta.Rows, row)
	}
	return ta, nil
}
