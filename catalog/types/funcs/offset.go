package funcs

import (
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Time zone offsets (SWITCHOFFSET, TODATETIMEOFFSET) and TRANSLATE.

func init() {
	register(
		&Func{Name: "SWITCHOFFSET", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: offsetType, Eval: switchOffset},
		&Func{Name: "TODATETIMEOFFSET", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: offsetType, Eval: toDateTimeOffset},
		&Func{Name: "TRANSLATE", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: sameStr, Eval: translate},
	)
}

// offsetType is datetimeoffset with the fractional precision of the first
// argument (datetime gives 3, anything without one 7).
func offsetType(args []types.Type) (types.Type, error) {
	scale := uint8(7)
	if len(args) > 0 {
		switch args[0].ID {
		case types.DateTime2, types.DateTimeOffset, types.Time:
			scale = args[0].Scale
		case types.DateTime:
			scale = 3
		case types.SmallDateTime:
			scale = 0
		}
	}
	return types.Type{ID: types.DateTimeOffset, Scale: scale}, nil
}

func errTimeZone(fn string) error {
	return &types.Error{Number: 9812, Severity: 16, State: 1,
		Msg: "The timezone provided to builtin function " + strings.ToLower(fn) + " is invalid."}
}

// parseOffset reads a time zone argument: a string '[+|-]hh:mm' or an int
// number of minutes, within ±14:00; anything else is error 9812.
func parseOffset(v types.Value, fn string) (int, error) {
	if v.TypeID().IsNumeric() {
		m, err := argInt(v)
		if err != nil || m < -840 || m > 840 {
			return 0, errTimeZone(fn)
		}
		return int(m), nil
	}
	s, err := argString(v)
	if err != nil {
		return 0, errTimeZone(fn)
	}
	s = strings.TrimSpace(s)
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, errTimeZone(fn)
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[4:6])
	if err1 != nil || err2 != nil || m > 59 || h*60+m > 840 {
		return 0, errTimeZone(fn)
	}
	off := h*60 + m
	if s[0] == '-' {
		off = -off
	}
	return off, nil
}

// switchOffset is SWITCHOFFSET(dto, tz): the same instant shown at offset
// tz.
func switchOffset(_ *Context, args []types.Value) (types.Value, error) {
	rt, _ := offsetType([]types.Type{args[0].Type()})
	if anyNull(args) {
		return types.Null(types.DateTimeOffset), nil
	}
	off, err := parseOffset(args[1], "SWITCHOFFSET")
	if err != nil {
		return types.Value{}, err
	}
	v, err := types.ImplicitConvert(args[0], rt)
	if err != nil {
		return types.Value{}, err
	}
	return types.FromTime(v.Time().In(time.FixedZone("", off*60)), rt)
}

// toDateTimeOffset is TODATETIMEOFFSET(dt, tz): the wall clock of dt (its
// offset, if any, dropped) declared to be at offset tz.
func toDateTimeOffset(_ *Context, args []types.Value) (types.Value, error) {
	rt, _ := offsetType([]types.Type{args[0].Type()})
	if anyNull(args) {
		return types.Null(types.DateTimeOffset), nil
	}
	off, err := parseOffset(args[1], "TODATETIMEOFFSET")
	if err != nil {
		return types.Value{}, err
	}
	v := args[0]
	if !v.TypeID().IsDateTime() {
		if v, err = types.ImplicitConvert(v, types.Type{ID: types.DateTime2, Scale: 7}); err != nil {
			return types.Value{}, err
		}
	}
	w := v.Time()
	local := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.FixedZone("", off*60))
	return types.FromTime(local, rt)
}

// translate is TRANSLATE(input, from, to): each character of input found
// in from is replaced by the character at the same position in to; from
// and to must have the same length (error 9828).
func translate(_ *Context, args []types.Value) (types.Value, error) {
	if anyNull(args) {
		return types.Null(args[0].TypeID()), nil
	}
	in, err := strArg(args[0])
	if err != nil {
		return types.Value{}, err
	}
	from, err := argString(args[1])
	if err != nil {
		return types.Value{}, err
	}
	to, err := argString(args[2])
	if err != nil {
		return types.Value{}, err
	}
	fr, tr := []rune(from), []rune(to)
	if len(fr) != len(tr) {
		return types.Value{}, &types.Error{Number: 9828, Severity: 16, State: 1,
			Msg: "The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters."}
	}
	m := make(map[rune]rune, len(fr))
	for i := len(fr) - 1; i >= 0; i-- {
		m[fr[i]] = tr[i] // the first occurrence in from wins
	}
	out := strings.Map(func(r rune) rune {
		if t, ok := m[r]; ok {
			return t
		}
		return r
	}, in.Str())
	return mkStr(in, out), nil
}
