// Package funcs implements SQL Server's scalar built-in functions on
// catalog/types values: date and time (GETDATE, DATEADD, DATEDIFF, ...),
// strings (LEN, SUBSTRING, CHARINDEX, REPLACE, ...), math (ABS, ROUND,
// POWER, ...), NULL handling (ISNULL, COALESCE, NULLIF, CHOOSE), FORMAT,
// and LIKE pattern matching. It is a leaf like catalog/types.
//
// The executor resolves a call with [Lookup], checks the argument count
// with [Func.CheckArity] (errors 174/189 as SQL Server words them), types
// it with Func.ReturnType at bind time and calls Func.Eval per row. All
// functions are safe for concurrent use; per-session state comes in a
// [Context].
package funcs

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Context is the session and statement state functions read.
type Context struct {
	// Now is the statement's start time, with the server's time zone as
	// its Location: GETDATE and SYSDATETIME return its wall clock,
	// GETUTCDATE its UTC time. The zero value means time.Now().
	Now time.Time
	// Collation is the collation string functions compare under when the
	// arguments carry no other (CHARINDEX, REPLACE, LIKE).
	Collation types.Collation
	// DateFirst is SET DATEFIRST (1 = Monday … 7 = Sunday); 0 means 7.
	DateFirst int
	// DateFormat is SET DATEFORMAT for strings converted to dates.
	DateFormat types.DateFormat
	// Rand is the session's RAND() generator; nil uses a global one.
	Rand *rand.Rand
	// Language is the session language (SET LANGUAGE); its culture is
	// FORMAT's when the call names none. "" means us_english.
	Language string
}

func (c *Context) culture() string {
	if c == nil || c.Language == "" {
		return "en-US"
	}
	return LanguageCulture(c.Language)
}

func (c *Context) now() time.Time {
	if c == nil || c.Now.IsZero() {
		return time.Now()
	}
	return c.Now
}

func (c *Context) coll() types.Collation {
	if c == nil {
		return types.DefaultCollation
	}
	return c.Collation
}

func (c *Context) dateFirst() int {
	if c == nil || c.DateFirst < 1 || c.DateFirst > 7 {
		return 7
	}
	return c.DateFirst
}

func (c *Context) convOpts() types.ConvertOptions {
	if c == nil {
		return types.ConvertOptions{}
	}
	return types.ConvertOptions{DateFormat: c.DateFormat}
}

// Func is one built-in scalar function.
type Func struct {
	// Name is the function's name in upper case.
	Name string
	// MinArgs and MaxArgs bound the argument count (MaxArgs -1: unbounded).
	MinArgs, MaxArgs int
	// Deterministic is false for GETDATE, NEWID, RAND and friends.
	Deterministic bool
	// ReturnType computes the result type from the argument types.
	ReturnType func(args []types.Type) (types.Type, error)
	// Eval computes the result for one row. args has a length accepted by
	// CheckArity. For DATEADD/DATEDIFF/DATEPART/DATENAME the first
	// argument is the datepart keyword as a varchar value.
	Eval func(ctx *Context, args []types.Value) (types.Value, error)
}

// CheckArity returns SQL Server's error when n arguments do not fit:
// 174 "The LEFT function requires 2 argument(s)." for fixed arity, 189
// "The concat function requires 2 to 254 arguments." for ranges.
func (f *Func) CheckArity(n int) error {
	if n >= f.MinArgs && (f.MaxArgs < 0 || n <= f.MaxArgs) {
		return nil
	}
	if f.MinArgs == f.MaxArgs {
		return types.ErrFuncArgs(f.Name, f.MinArgs)
	}
	maxArgs := f.MaxArgs
	if maxArgs < 0 {
		maxArgs = 254
	}
	return &types.Error{Number: 189, Severity: 15, State: 1,
		Msg: "The " + strings.ToLower(f.Name) + " function requires " + itoa(f.MinArgs) + " to " + itoa(maxArgs) + " arguments."}
}

var registry = map[string]*Func{}

func register(fs ...*Func) {
	for _, f := range fs {
		registry[f.Name] = f
	}
}

// Lookup finds a built-in function by name (case-insensitive).
func Lookup(name string) (*Func, bool) {
	f, ok := registry[strings.ToUpper(name)]
	return f, ok
}

// ErrNotBuiltin returns error 195 for an unknown function name.
func ErrNotBuiltin(name string) error {
	return &types.Error{Number: types.ErrNotBuiltinFunction, Severity: 15, State: 10,
		Msg: "'" + name + "' is not a recognized built-in function name."}
}

// Call looks up name, checks arity and evaluates it: a convenience for
// tests and constant folding.
func Call(ctx *Context, name string, args ...types.Value) (types.Value, error) {
	f, ok := Lookup(name)
	if !ok {
		return types.Value{}, ErrNotBuiltin(name)
	}
	if err := f.CheckArity(len(args)); err != nil {
		return types.Value{}, err
	}
	return f.Eval(ctx, args)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// fixed returns a ReturnType function that always gives t.
func fixed(t types.Type) func([]types.Type) (types.Type, error) {
	return func([]types.Type) (types.Type, error) { return t, nil }
}

// firstArg returns a ReturnType function giving the first argument's type.
func firstArg(args []types.Type) (types.Type, error) {
	if len(args) == 0 {
		return types.TypeInt, nil
	}
	return args[0], nil
}

// anyNull reports whether any value is NULL.
func anyNull(args []types.Value) bool {
	for _, a := range args {
		if a.IsNull() {
			return true
		}
	}
	return false
}

// argInt converts an argument to int (as SQL Server does for lengths and
// positions).
func argInt(v types.Value) (int64, error) {
	if v.TypeID() == types.BigInt || v.TypeID() == types.Int {
		return v.Int64(), nil
	}
	c, err := types.ImplicitConvert(v, types.TypeBigInt)
	if err != nil {
		return 0, err
	}
	return c.Int64(), nil
}

// argString converts an argument to its text (nvarchar(max)).
func argString(v types.Value) (string, error) {
	if v.TypeID().IsString() {
		return v.Str(), nil
	}
	c, err := types.ImplicitConvert(v, types.NVarCharType(types.MaxLength))
	if err != nil {
		return "", err
	}
	return c.Str(), nil
}

// errArgType is 8116.
func errArgType(t types.TypeID, n int, fn string) error {
	return &types.Error{Number: types.ErrArgType, Severity: 16, State: 1,
		Msg: "Argument data type " + t.Name() + " is invalid for argument " + itoa(n) + " of " + strings.ToLower(fn) + " function."}
}
