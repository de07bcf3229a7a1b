package exec

import (
	"fmt"
	"strings"
)

// The name errors 2628 (truncation) and 515 (NULL into NOT NULL) give the
// table they name. SQL Server prints database.schema.table of the table
// written to, whatever the current database, and for tempdb's objects the
// name tempdb stores them under:
//
//	#t   'tempdb.dbo.#t_____…_00000000001A' (the padded name of tempdb.sys.objects)
//	##g  'tempdb.dbo.##g'
//	@tv  'tempdb.dbo.#A60B3C91' in 2628 (the table variable's internal name),
//	     '@tv' in 515
//
// Scripts and applications log these texts, and a DBA looks the name up in
// tempdb.sys.objects; 'master.dbo.#t' (the current database's name, which
// 2628 printed for every table) names nothing.

// errorName is the table's name in error 2628.
func (tr *tableRef) errorName() string {
	name := tr.t.Name
	switch {
	case strings.HasPrefix(name, "@"):
		name = tableVariableInternalName(tr.t.ID)
	case strings.HasPrefix(name, "##"):
	case strings.HasPrefix(name, "#"):
		name = storedTempName(tr.t)
	}
	return tr.db.Name() + "." + tr.t.Schema + "." + name
}

// nullErrorName is the table's name in error 515: a table variable by the
// name it was declared with, anything else as errorName.
func (tr *tableRef) nullErrorName() string {
	if strings.HasPrefix(tr.t.Name, "@") {
		return tr.t.Name
	}
	return tr.errorName()
}

// tableVariableInternalName is the name SQL Server gives a table variable
// in tempdb: '#' and its object id's eight hexadecimal digits.
func tableVariableInternalName(id int32) string {
	return fmt.Sprintf("#%08X", uint32(id))
}
