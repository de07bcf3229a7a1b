package types

// ArithOp is a binary arithmetic or bitwise operator.
type ArithOp uint8

// Binary operators.
const (
	OpAdd    ArithOp = iota // +
	OpSub                   // -
	OpMul                   // *
	OpDiv                   // /
	OpMod                   // %
	OpBitAnd                // &
	OpBitOr                 // |
	OpBitXor                // ^
)

// opName is the operator's name in error messages 8117 and 402.
func (op ArithOp) opName() string {
	return [...]string{"add", "subtract", "multiply", "divide", "modulo", "boolean AND", "boolean OR", "boolean XOR"}[op]
}

// opSymbol is the operator in error 402 for bitwise operators.
func (op ArithOp) String() string {
	return [...]string{"+", "-", "*", "/", "%", "&", "|", "^"}[op]
}

// DecimalResultType computes the decimal(p,s) of e1 op e2 for decimal
// operands ("Precision, scale, and length (Transact-SQL)"):
//
//   - -  p = max(s1,s2) + max(p1-s1, p2-s2) + 1, s = max(s1,s2)
//   - p = p1 + p2 + 1,                        s = s1 + s2
//     /    p = p1 - s1 + s2 + max(6, s1 + p2 + 1), s = max(6, s1 + p2 + 1)
//     %    p = min(p1-s1, p2-s2) + max(s1,s2),     s = max(s1,s2)
//
// A precision above 38 becomes 38 and the scale shrinks: for + and - to
// 38 - max(p1-s1, p2-s2); for * and / to min(s, 38-(p-s)) while the
// integral part p-s is below 32, else to 6 when s exceeds 6 (a smaller s is
// kept and the operation may overflow).
func DecimalResultType(op ArithOp, p1, s1, p2, s2 uint8) (p, s uint8) {
	P1, S1, P2, S2 := int(p1), int(s1), int(p2), int(s2)
	var P, S int
	switch op {
	case OpAdd, OpSub:
		S = max(S1, S2)
		P = S + max(P1-S1, P2-S2) + 1
		if P > maxPrecision {
			S = min(S, maxPrecision-max(P1-S1, P2-S2))
		}
	case OpMul, OpDiv:
		if op == OpMul {
			P, S = P1+P2+1, S1+S2
		} else {
			S = max(6, S1+P2+1)
			P = P1 - S1 + S2 + S
		}
		if P > maxPrecision {
			if intDigits := P - S; intDigits < 32 {
				S = min(S, maxPrecision-intDigits)
			} else if S > 6 {
				S = 6
			}
		}
	case OpMod:
		S = max(S1, S2)
		P = min(P1-S1, P2-S2) + S
	}
	P = min(max(P, 1), maxPrecision)
	return uint8(P), uint8(max(S, 0))
}

// nullLike is the type an untyped NULL takes beside an operand of type t.
func nullLike(t Type) Type {
	if (t.ID.IsString() || t.ID.IsBinary()) && t.Length != MaxLength {
		t.Length = 1
	}
	return t
}

// ResultType is the type of a op b for operand types a and b, or the
// error SQL Server raises when binding the expression: 8117 (operand type
// invalid for the operator), 402 (incompatible types), 206 (operand type
// clash). String concatenation (+ on character types) yields varchar or
// nvarchar of the summed length, (max) beyond 8000 bytes.
func ResultType(op ArithOp, a, b Type) (Type, error) {
	// An untyped NULL takes the other operand's type; next to a string or
	// binary it counts as one character, as SQL Server types it ('xy' +
	// NULL is varchar(3)).
	if a.ID == Unknown {
		a = nullLike(b)
	}
	if b.ID == Unknown {
		b = nullLike(a)
	}
	if a.ID == Unknown {
		return TypeInt, nil
	}
	// xml takes no operator: with itself it is 8117, with another type
	// 402 (N'<r>' + @x is refused, not concatenated).
	if a.ID == XML || b.ID == XML {
		if a.ID == b.ID {
			return Type{}, errOperandType(XML, op.opName())
		}
		return Type{}, errIncompatibleOp(a.ID, b.ID, op.opName())
	}
	ca, cb := classOf(a.ID), classOf(b.ID)
	// Concatenation.
	if op == OpAdd && (ca == classString && cb == classString || ca == classBinary && cb == classBinary) {
		return concatType(a, b), nil
	}
	hi, lo := a, b
	if b.ID.Precedence() > a.ID.Precedence() {
		hi, lo = b, a
	}
	ch := classOf(hi.ID)
	// Date arithmetic: only datetime and smalldatetime support + and -.
	if ch == classDateTime || ch == classDT2 || ch == classDate || ch == classTime {
		if (op == OpAdd || op == OpSub) && ch == classDateTime {
			cl := classOf(lo.ID)
			if cl == classDateTime || isNumClass(cl) || cl == classString {
				return Type{ID: hi.ID}, nil
			}
		}
		if op == OpAdd || op == OpSub {
			if lo.ID == hi.ID || classOf(lo.ID) == classString {
				return Type{}, errOperandType(hi.ID, op.opName())
			}
			return Type{}, errOperandClash(lo.ID, hi.ID)
		}
		return Type{}, errOperandType(hi.ID, op.opName())
	}
	if ch == classGUID || ch == classBinary && op != OpBitAnd && op != OpBitOr && op != OpBitXor {
		return Type{}, errOperandType(hi.ID, op.opName())
	}
	if ch == classString { // both strings, not +
		return Type{}, errOperandType(hi.ID, op.opName())
	}
	// Numeric: the other side converts to hi's type.
	switch op {
	case OpBitAnd, OpBitOr, OpBitXor:
		if ch != classInt || classOf(lo.ID) != classInt && classOf(lo.ID) != classString && classOf(lo.ID) != classBinary {
			return Type{}, newErr(ErrIncompatibleOp, 16, "The data types %s and %s are incompatible in the '%s' operator.",
				a.ID.Name(), b.ID.Name(), op.String())
		}
		return Type{ID: hi.ID}, nil
	case OpMod:
		if ch == classFloat {
			return Type{}, errIncompatibleOp(a.ID, b.ID, op.opName())
		}
	}
	if a.ID == Bit && b.ID == Bit {
		return Type{}, errOperandType(Bit, op.opName())
	}
	if !CanConvertImplicit(lo.ID, hi.ID) {
		return Type{}, errOperandClash(lo.ID, hi.ID)
	}
	switch ch {
	case classDecimal:
		da, db := decimalOperand(a), decimalOperand(b)
		p, s := DecimalResultType(op, da.Precision, da.Scale, db.Precision, db.Scale)
		return Type{ID: hi.ID, Precision: p, Scale: s}, nil
	case classInt:
		if hi.ID == Bit {
			return TypeInt, nil
		}
	}
	return Type{ID: hi.ID}, nil
}

// decimalOperand is the decimal type an operand takes in decimal
// arithmetic; character operands take decimal(38,... ) of the other side,
// approximated as decimal(18,0)... they are converted at run time.
func decimalOperand(t Type) Type {
	if t.ID.IsString() {
		return DecimalType(18, 0)
	}
	return decimalTypeOf(t)
}

// concatType is the type of string (or binary) concatenation.
func concatType(a, b Type) Type {
	id := VarChar
	switch {
	case a.ID.IsBinary():
		id = VarBinary
	case a.ID.IsUnicode() || b.ID.IsUnicode():
		id = NVarChar
	}
	limit := maxCharLength
	if id == NVarChar {
		limit = maxNCharLength
	}
	if a.Length == MaxLength || b.Length == MaxLength {
		return Type{ID: id, Length: MaxLength, Collation: a.Collation}
	}
	// "the sum of the lengths of the two source expressions, up to 8,000
	// bytes" (4,000 byte-pairs): longer results are cut when converted to
	// this type.
	return Type{ID: id, Length: min(a.Length+b.Length, limit), Collation: a.Collation}
}

// CommonType is the result type of CASE, COALESCE, ISNULL-free UNION and
// IN lists over operands of types a and b: the type of higher precedence;
// for two decimals p = max(s1,s2) + max(p1-s1, p2-s2), s = max(s1,s2)
// (capped at 38); for two character or binary types the longer length
// (nvarchar if either is Unicode); date/time scales take the larger.
// Types that do not convert implicitly give 206 or 257.
func CommonType(a, b Type) (Type, error) {
	if a.ID == Unknown {
		return b, nil
	}
	if b.ID == Unknown {
		return a, nil
	}
	hi, lo := a, b
	if b.ID.Precedence() > a.ID.Precedence() {
		hi, lo = b, a
	}
	if hi.ID != lo.ID && !CanConvertImplicit(lo.ID, hi.ID) {
		return Type{}, clashError(lo.ID, hi.ID)
	}
	switch classOf(hi.ID) {
	case classDecimal:
		da, db := decimalOperand(a), decimalOperand(b)
		s := max(da.Scale, db.Scale)
		p := int(s) + max(int(da.Precision-da.Scale), int(db.Precision-db.Scale))
		if p > maxPrecision {
			s = uint8(max(0, int(s)-(p-maxPrecision)))
			p = maxPrecision
		}
		return Type{ID: hi.ID, Precision: uint8(p), Scale: s}, nil
	case classString, classBinary:
		t := hi
		if classOf(lo.ID) == classOf(hi.ID) {
			if a.Length == MaxLength || b.Length == MaxLength {
				t.Length = MaxLength
			} else {
				t.Length = max(a.Length, b.Length)
			}
			if hi.ID == Char && lo.ID == VarChar || hi.ID == NChar && lo.ID == NVarChar {
				t.ID = lo.ID
			}
		}
		return t, nil
	case classTime, classDT2:
		t := hi
		if lo.ID == hi.ID {
			t.Scale = max(a.Scale, b.Scale)
		}
		return t, nil
	}
	return Type{ID: hi.ID}, nil
}
