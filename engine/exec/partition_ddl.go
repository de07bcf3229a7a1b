package exec

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Partition functions and schemes (catalog.PartitionFunction,
// catalog.PartitionScheme): CREATE, ALTER (SPLIT/MERGE RANGE, NEXT USED)
// and DROP. They live in the database's catalog, so they are logged,
// recovered, backed up and mirrored as every other DDL. Rows are not
// physically separated by partition (the store keeps one ordered tree per
// index); a row's partition is computed from its partitioning column
// whenever a view or statement needs it (partition_rows.go), so SPLIT and
// MERGE move no data. Filegroups other than PRIMARY are accepted by name
// (ALTER DATABASE … ADD FILEGROUP keeps none) and stored as written.

// maxPartitions is SQL Server's limit on a partition function's fanout.
const maxPartitions = 15000

var (
	errPartitionType        = errorKind{7704, 16, 1, "The type '%s' is not valid for this operation.", AbortStatement}
	errPartitionConvert     = errorKind{7705, 16, 2, "Could not implicitly convert range values type specified at ordinal %d to partition function parameter type.", AbortStatement}
	errPartitionFuncInUse   = errorKind{7706, 16, 1, "Partition function '%s' is being used by one or more partition schemes.", AbortStatement}
	errSchemeTooFewFG       = errorKind{7707, 16, 1, "The associated partition function '%s' generates more partitions than there are file groups mentioned in the scheme '%s'.", AbortStatement}
	errPartitionDuplicate   = errorKind{7708, 16, 1, "Duplicate range boundary values are not allowed in partition function boundary values list. Partition boundary values at ordinal %d and %d are equal.", AbortStatement}
	errNoNextUsed           = errorKind{7710, 16, 1, "Warning: The partition scheme '%s' does not have any next used filegroup. Partition scheme has not been changed.", AbortStatement}
	errRangeNotFound        = errorKind{7715, 16, 1, "The specified partition range value could not be found.", AbortStatement}
	errZeroPartitions       = errorKind{7716, 16, 2, "Can not create or alter a partition function to have zero partitions.", AbortStatement}
	errSchemeInUse          = errorKind{7717, 16, 1, "The partition scheme \"%s\" is currently being used to partition one or more tables.", AbortStatement}
	errTooManyPartitions    = errorKind{7719, 16, 1, "CREATE/ALTER partition function failed as only a maximum of %d partitions can be created.", AbortStatement}
	errPartitionTruncated   = errorKind{7720, 16, 1, "Data truncated when converting range values to the partition function parameter type. The range value at ordinal %d requires data truncation.", AbortStatement}
	errSplitDuplicate       = errorKind{7721, 16, 1, "Duplicate range boundary values are not allowed in partition function boundary values list. The boundary value being added is already present at ordinal %d of the boundary value list.", AbortStatement}
	errSchemeAllSeveral     = errorKind{7723, 16, 1, "Only a single filegroup can be specified while creating partition scheme using option ALL to specify all the filegroups.", AbortStatement}
	errPartitionObjNotFound = errorKind{15151, 16, 1, "Cannot %s the partition %s '%s', because it does not exist or you do not have permission.", AbortStatement}
)

// partitionStmt runs the partition function and scheme statements;
// handled is false for any other statement.
func (s *Session) partitionStmt(ctx context.Context, st ast.Statement, out Output) (handled bool, err error) {
	switch st := st.(type) {
	case *ast.CreatePartitionFunctionStmt:
		return true, s.createPartitionFunction(ctx, st, out)
	case *ast.AlterPartitionFunctionStmt:
		return true, s.alterPartitionFunction(ctx, st)
	case *ast.CreatePartitionSchemeStmt:
		return true, s.createPartitionScheme(ctx, st, out)
	case *ast.AlterPartitionSchemeStmt:
		return true, s.alterPartitionScheme(ctx, st, out)
	case *ast.DropStmt:
		switch st.Kind {
		case ast.ObjPartitionFunction:
			return true, s.dropPartitionFunction(ctx, st)
		case ast.ObjPartitionScheme:
			return true, s.dropPartitionScheme(ctx, st)
		}
	}
	return false, nil
}

// partitionCatalog is the current database's catalog for partition DDL.
func (s *Session) partitionCatalog(ctx context.Context) (*catalog.Database, error) {
	return s.mutableCatalog(ctx, s.db)
}

func (s *Session) createPartitionFunction(ctx context.Context, st *ast.CreatePartitionFunctionStmt, out Output) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	name := st.Name.Name
	if cat.PartitionFunction(name) != nil {
		return ErrObjectExists.New(name)
	}
	typ, ut, err := s.declTypeOf(st.Type) // usertype.go
	if err != nil {
		return err
	}
	if ut != nil {
		e := errPartitionType.New(st.Type.SQL())
		e.State = 3
		return e
	}
	switch typ.ID {
	case types.Text, types.NText, types.Image, types.XML, types.SQLVariant:
		return errPartitionType.New(typ.String())
	}
	if n := strings.ToLower(st.Type.Name); typ.Length == types.MaxLength || n == "timestamp" || n == "rowversion" {
		return errPartitionType.New(typ.String())
	}
	if len(st.Values) >= maxPartitions {
		return errTooManyPartitions.New(maxPartitions)
	}
	vals := make([]types.Value, len(st.Values))
	for i, e := range st.Values {
		if vals[i], err = s.boundaryValue(ctx, e, typ, i+1); err != nil {
			return err
		}
	}
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	var cmpErr error
	sort.SliceStable(order, func(a, b int) bool {
		c, err := compareBoundary(vals[order[a]], vals[order[b]], typ)
		if err != nil {
			cmpErr = err
		}
		return c < 0
	})
	if cmpErr != nil {
		return cmpErr
	}
	// Equal values sit side by side once sorted; SQL Server names the pair
	// whose later ordinal comes first.
	dupA, dupB := 0, 0
	for i := 1; i < len(order); i++ {
		if c, _ := compareBoundary(vals[order[i-1]], vals[order[i]], typ); c == 0 {
			a, b := order[i-1]+1, order[i]+1
			if dupB == 0 || b < dupB {
				dupA, dupB = a, b
			}
		}
	}
	if dupB != 0 {
		return errPartitionDuplicate.New(dupA, dupB)
	}
	sorted := make([]types.Value, len(vals))
	unsorted := false
	for i, o := range order {
		sorted[i] = vals[o]
		if o != i {
			unsorted = true
		}
	}
	now := time.Now().UTC()
	f := &catalog.PartitionFunction{Name: name, Type: typ, Right: st.Right, Created: now, Modified: now}
	if err := f.SetValues(sorted); err != nil {
		return err
	}
	cat.AddPartitionFunction(f)
	if unsorted {
		return out.Message(&Error{Number: 7709, Severity: 10, State: 1, Message: fmt.Sprintf("Warning: Range value list for partition function '%s' is not sorted by value. Mapping of partitions to filegroups during CREATE PARTITION SCHEME will use the sorted boundary values if the function '%s' is referenced in CREATE PARTITION SCHEME.", name, name)})
	}
	return nil
}

// boundaryValue evaluates a boundary value and converts it to the
// function's parameter type (7705, 7720 for a string cut short).
func (s *Session) boundaryValue(ctx context.Context, e ast.Expr, typ types.Type, ordinal int) (types.Value, error) {
	vt, err := s.evalScalar(ctx, e)
	if err != nil {
		return types.Value{}, err
	}
	if vt.v.IsNull() {
		return types.Null(typ.ID), nil
	}
	v, err := types.Convert(vt.v, typ, 0)
	if err != nil {
		return types.Value{}, errPartitionConvert.New(ordinal)
	}
	if typ.ID.IsString() && vt.v.Type().ID.IsString() && typ.Length > 0 {
		n := len(vt.v.Str())
		if typ.ID == types.NChar || typ.ID == types.NVarChar {
			n = utf8.RuneCountInString(vt.v.Str())
		}
		if n > typ.Length {
			return types.Value{}, errPartitionTruncated.New(ordinal)
		}
	}
	return v, nil
}

// compareBoundary orders boundary values; NULL is below every value, as
// in ORDER BY (compareNullsFirst, warnings.go).
func compareBoundary(a, b types.Value, typ types.Type) (int, error) {
	return compareNullsFirst(a, b, typ)
}

func (s *Session) alterPartitionFunction(ctx context.Context, st *ast.AlterPartitionFunctionStmt) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	f := cat.PartitionFunction(st.Name.Name)
	if f == nil {
		return errPartitionObjNotFound.New("alter", "function", st.Name.Name)
	}
	vals, err := f.Values()
	if err != nil {
		return err
	}
	v, err := s.boundaryValue(ctx, st.Value, f.Type, 1)
	if err != nil {
		return err
	}
	k, found, err := searchBoundary(vals, v, f.Type)
	if err != nil {
		return err
	}
	schemes := schemesOf(cat, f)
	if st.Split {
		if found {
			return errSplitDuplicate.New(k + 1)
		}
		if f.Partitions()+1 > maxPartitions {
			return errTooManyPartitions.New(maxPartitions)
		}
		for _, ps := range schemes {
			if ps.NextUsed == "" {
				return errNoNextUsed.New(ps.Name)
			}
		}
		// The partition split at boundary k gets a new neighbour: on the
		// right of RANGE RIGHT's new boundary, on the left of LEFT's. It
		// goes to the scheme's next used filegroup.
		at := k
		if f.Right {
			at = k + 1
		}
		for _, ps := range schemes {
			ps.FileGroups = append(ps.FileGroups[:at], append([]string{ps.NextUsed}, ps.FileGroups[at:]...)...)
			if !ps.All {
				ps.NextUsed = ""
			}
		}
		vals = append(vals[:k], append([]types.Value{v}, vals[k:]...)...)
	} else {
		if !found {
			return errRangeNotFound.New()
		}
		if len(vals) == 1 {
			return errZeroPartitions.New()
		}
		// The partition that held the boundary value goes, with its
		// filegroup.
		at := k
		if f.Right {
			at = k + 1
		}
		for _, ps := range schemes {
			if at < len(ps.FileGroups) {
				ps.FileGroups = append(ps.FileGroups[:at], ps.FileGroups[at+1:]...)
			}
		}
		vals = append(vals[:k], vals[k+1:]...)
	}
	f.Modified = time.Now().UTC()
	return f.SetValues(vals)
}

// searchBoundary finds v among the sorted boundaries: its position, or
// where it would be inserted.
func searchBoundary(vals []types.Value, v types.Value, typ types.Type) (int, bool, error) {
	var cmpErr error
	k := sort.Search(len(vals), func(i int) bool {
		c, err := compareBoundary(vals[i], v, typ)
		if err != nil {
			cmpErr = err
		}
		return c >= 0
	})
	if cmpErr != nil {
		return 0, false, cmpErr
	}
	if k < len(vals) {
		if c, _ := compareBoundary(vals[k], v, typ); c == 0 {
			return k, true, nil
		}
	}
	return k, false, nil
}

// schemesOf lists the schemes of cat built on f.
func schemesOf(cat *catalog.Database, f *catalog.PartitionFunction) []*catalog.PartitionScheme {
	var out []*catalog.PartitionScheme
	for _, ps := range cat.SortedPartitionSchemes() {
		if strings.EqualFold(ps.Function, f.Name) {
			out = append(out, ps)
		}
	}
	return out
}

func (s *Session) dropPartitionFunction(ctx context.Context, st *ast.DropStmt) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	name := st.Names[0].Last()
	f := cat.PartitionFunction(name)
	if f == nil {
		return errPartitionObjNotFound.New("drop", "function", name)
	}
	if len(schemesOf(cat, f)) > 0 {
		return errPartitionFuncInUse.New(f.Name)
	}
	delete(cat.PartitionFunctions, strings.ToLower(f.Name))
	return nil
}

// fileGroupName is a filegroup as stored: PRIMARY in capitals.
func fileGroupName(id *ast.Ident) string {
	if strings.EqualFold(id.Name, "PRIMARY") {
		return "PRIMARY"
	}
	return id.Name
}

func (s *Session) createPartitionScheme(ctx context.Context, st *ast.CreatePartitionSchemeStmt, out Output) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	name := st.Name.Name
	if cat.PartitionScheme(name) != nil {
		return ErrObjectExists.New(name)
	}
	f := cat.PartitionFunction(st.Function.Name)
	if f == nil {
		return ErrInvalidObject.New(st.Function.Name)
	}
	n := f.Partitions()
	ps := &catalog.PartitionScheme{Name: name, Function: f.Name, All: st.All}
	var notes []*Error
	if st.All {
		if len(st.FileGroups) > 1 {
			return errSchemeAllSeveral.New()
		}
		fg := fileGroupName(st.FileGroups[0])
		for i := 0; i < n; i++ {
			ps.FileGroups = append(ps.FileGroups, fg)
		}
		ps.NextUsed = fg
	} else {
		if len(st.FileGroups) < n {
			return errSchemeTooFewFG.New(f.Name, name)
		}
		for _, id := range st.FileGroups[:n] {
			ps.FileGroups = append(ps.FileGroups, fileGroupName(id))
		}
		if len(st.FileGroups) > n {
			ps.NextUsed = fileGroupName(st.FileGroups[n])
		}
		if extra := len(st.FileGroups) - n - 1; extra > 0 {
			notes = append(notes, &Error{Number: 7713, Severity: 10, State: 1, Message: fmt.Sprintf("%d filegroups specified after the next used filegroup are ignored.", extra)})
		}
	}
	cat.AddPartitionScheme(ps)
	if ps.NextUsed != "" {
		notes = append([]*Error{{Number: 7712, Severity: 10, State: 1, Message: fmt.Sprintf("Partition scheme '%s' has been created successfully. '%s' is marked as the next used filegroup in partition scheme '%s'.", name, ps.NextUsed, name)}}, notes...)
	}
	for _, m := range notes {
		if err := out.Message(m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) alterPartitionScheme(ctx context.Context, st *ast.AlterPartitionSchemeStmt, out Output) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	ps := cat.PartitionScheme(st.Name.Name)
	if ps == nil {
		return errPartitionObjNotFound.New("alter", "scheme", st.Name.Name)
	}
	if st.FileGroup == nil {
		if ps.NextUsed == "" {
			m := errNoNextUsed.New(ps.Name)
			m.Severity = 10
			return out.Message(m)
		}
		ps.NextUsed, ps.All = "", false
		return nil
	}
	ps.NextUsed = fileGroupName(st.FileGroup)
	return nil
}

func (s *Session) dropPartitionScheme(ctx context.Context, st *ast.DropStmt) error {
	cat, err := s.partitionCatalog(ctx)
	if err != nil {
		return err
	}
	name := st.Names[0].Last()
	ps := cat.PartitionScheme(name)
	if ps == nil {
		return errPartitionObjNotFound.New("drop", "scheme", name)
	}
	for _, t := range cat.Tables {
		for _, ix := range t.Indexes {
			if strings.EqualFold(ix.Scheme, ps.Name) {
				return errSchemeInUse.New(ps.Name)
			}
		}
	}
	delete(cat.PartitionSchemes, strings.ToLower(ps.Name))
	return nil
}
