package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// indexProperty is INDEXPROPERTY(object_id, index_name, property), which
// maintenance and deployment scripts use to ask whether an index is
// clustered or unique before rebuilding or recreating it: an int, NULL
// for an unknown table, index or property. The options mirrorsql does not
// have (disabled, hypothetical, padded, lock escalation) are 0, as for an
// index created without them; a statistics object is IsStatistics 1.
func (s *Session) indexProperty(idv, namev, propv types.Value) types.Value {
	null := types.Null(types.Int)
	if idv.IsNull() || namev.IsNull() || propv.IsNull() {
		return null
	}
	idc, err := types.Convert(idv, types.TypeInt, 0)
	if err != nil {
		return null
	}
	name, _ := asText(namev)
	prop, _ := asText(propv)
	id := int32(idc.Int64())
	var t *catalog.Table
	if cat := s.catalogFor(s.db); cat != nil {
		t = cat.TableByID(id)
	}
	if t == nil && s.temp != nil {
		t = s.catalogFor(s.temp).TableByID(id)
	}
	if t == nil {
		return null
	}
	n := func(v int32) types.Value { return types.NewInt(v) }
	b := func(v bool) types.Value {
		if v {
			return n(1)
		}
		return n(0)
	}
	ix := t.Index(name)
	if ix == nil {
		for _, st := range t.Statistics {
			if strings.EqualFold(st.Name, name) {
				switch strings.ToLower(prop) {
				case "indexid":
					return n(st.ID)
				case "isstatistics":
					return n(1)
				case "isautostatistics", "isclustered", "isunique", "isdisabled", "ishypothetical":
					return n(0)
				}
			}
		}
		return null
	}
	switch strings.ToLower(prop) {
	case "indexid":
		return n(ix.IndexID)
	case "isclustered":
		return b(ix.IndexID == 1)
	case "isunique":
		return b(ix.Unique)
	case "indexdepth":
		return n(1)
	case "isdisabled":
		return b(ix.Disabled)
	case "indexfillfactor", "ishypothetical", "isstatistics", "isautostatistics", "isfulltextkey",
		"ispadindex", "ispagelockdisallowed", "isrowlockdisallowed", "iscolumnstore", "isoptimizedforsequentialkey":
		return n(0)
	}
	return null
}
