package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_addtype and sp_droptype are SQL Server 2000's way to create and drop
// alias data types, still shipped (deprecated) and still what older install
// scripts call — Microsoft's pubs (instpubs.sql) starts with
//
//	execute sp_addtype id, 'varchar(11)', 'NOT NULL'
//
// SQL Server implements them as CREATE TYPE … FROM and DROP TYPE, so they run
// those statements' code here: the same errors (219 type exists, 218 not
// found, 3732 in use, 2715 unknown base type), the same CREATE TYPE
// permission, and the same transactional catalog change.

// errNullType rejects an @nulltype other than NULL, NOT NULL or NONULL. The
// text goes where CREATE TYPE … FROM type <nulltype> puts it, so it fails as
// that statement's syntax error would (sp_addtype's own number for the case
// is not documented).
var errNullType = errorKind{102, 15, 1, "Incorrect syntax near '%s'.", AbortStatement}

func init() {
	RegisterProc("sp_addtype", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		name := ArgString(args, 0, "@typename")
		phys := ArgString(args, 1, "@phystype")
		st := &ast.CreateTypeStmt{Name: typeProcName(name)}
		// @nulltype: NULL (the default), NOT NULL, or SQL Server 2000's
		// NONULL spelling of NOT NULL; case and spacing do not matter.
		nulltype := ArgString(args, 2, "@nulltype")
		switch strings.Join(strings.Fields(strings.ToUpper(nulltype)), " ") {
		case "", "NULL":
		case "NOT NULL", "NONULL":
			st.NotNull = true
		default:
			return 1, errNullType.New(nulltype)
		}
		dt, err := parsedDataType(phys)
		if err != nil {
			return 1, err
		}
		st.Base = dt
		if err := s.checkOther(st); err != nil {
			return 1, err
		}
		if err := s.createType(ctx, st); err != nil {
			return 1, err
		}
		return 0, nil
	})
	RegisterProc("sp_droptype", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		if err := s.dropTypes(ctx, &ast.DropStmt{Names: []*ast.Name{typeProcName(ArgString(args, 0, "@typename"))}}); err != nil {
			return 1, err
		}
		return 0, nil
	})
}

// typeProcName is the procedures' type name as an AST name; it may be
// schema-qualified ('dbo.id').
func typeProcName(name string) *ast.Name {
	n := &ast.Name{}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		n.Parts = append(n.Parts, &ast.Ident{Name: name[:i]})
		name = name[i+1:]
	}
	n.Parts = append(n.Parts, &ast.Ident{Name: name})
	return n
}
