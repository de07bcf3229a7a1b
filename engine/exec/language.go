package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/catalog/types/language"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

var errUnknownLanguage = errorKind{2740, 16, 1, "SET LANGUAGE failed because '%s' is not an official language name or a language alias on this SQL Server.", AbortStatement}

func isSetLanguage(st *ast.SetOptionStmt) bool {
	return len(st.Options) == 1 && strings.EqualFold(st.Options[0], "LANGUAGE")
}

// setLanguage is SET LANGUAGE name | @variable: the name or alias of a row
// of sys.syslanguages (2740 otherwise). As in SQL Server it also sets the
// language's date order and first day of the week (SET DATEFORMAT, SET
// DATEFIRST), @@LANGUAGE becomes the official name whatever was typed,
// and message 5703 says so.
func (s *Session) setLanguage(ctx context.Context, st *ast.SetOptionStmt, out Output) error {
	name := st.Word
	if st.Arg != nil {
		vt, err := s.evalScalar(ctx, st.Arg)
		if err != nil {
			return err
		}
		name = vt.v.Str()
	}
	l, ok := language.Lookup(name)
	if !ok {
		return errUnknownLanguage.New(name)
	}
	s.Opts.Language = l.Name
	if df, ok := types.ParseDateFormat(l.DateFormat); ok {
		s.Opts.DateFormat = df
	}
	s.Opts.DateFirst = l.DateFirst
	return out.Message(&Error{Number: 5703, Severity: 0, State: 1, Message: "Changed language setting to " + l.Name + "."})
}

// sys.syslanguages (FROM syslanguages works too, as in SQL Server): one
// row per session language; months, shortmonths and days come from CLDR
// for the language's culture (funcs.CalendarNames).
func init() {
	compatViews["syslanguages"] = true
	systemViews["sys.syslanguages"] = &virtualTable{cols: syslanguagesCols, rows: func(*Session, Database) ([]Row, error) {
		return syslanguagesRows(""), nil
	}}
}

var syslanguagesCols = []vcol{{"langid", vSmallInt}, {"dateformat", types.Type{ID: types.NChar, Length: 3}},
	{"datefirst", vTinyInt}, {"upgrade", vInt}, {"name", vName}, {"alias", vName},
	{"months", types.NVarCharType(372)}, {"shortmonths", types.NVarCharType(132)},
	{"days", types.NVarCharType(217)}, {"lcid", vInt}, {"msglangid", vSmallInt}}

// syslanguagesRows lists the languages, or only the one named (by name or
// alias) when only is not "".
func syslanguagesRows(only string) []Row {
	var out []Row
	for _, l := range language.All {
		if only != "" && !strings.EqualFold(only, l.Name) && !strings.EqualFold(only, l.Alias) {
			continue
		}
		months, short, days := funcs.CalendarNames(l.Culture)
		out = append(out, Row{types.NewSmallInt(int16(l.ID)), types.NewString(types.NChar, l.DateFormat),
			types.NewTinyInt(uint8(l.DateFirst)), i32(0), str(l.Name), str(l.Alias),
			nvarchar(months), nvarchar(short), nvarchar(days), i32(int32(l.LCID)), types.NewSmallInt(int16(l.MsgLangID))})
	}
	return out
}

// spHelpLanguage is sp_helplanguage [@language]: sys.syslanguages' rows,
// all or the one named; an unknown name is error 15033.
func (s *Session) spHelpLanguage(args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@language")
	rows := syslanguagesRows(name)
	if name != "" && len(rows) == 0 {
		return 1, &Error{Number: 15033, Severity: 16, State: 1, Message: "'" + name + "' is not a valid official language name."}
	}
	cols := make([]ResultColumn, len(syslanguagesCols))
	for i, c := range syslanguagesCols {
		cols[i] = ResultColumn{Name: c.name, Type: c.typ}
	}
	return 0, SendRows(s, out, cols, rows)
}
