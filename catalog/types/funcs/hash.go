package funcs

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"hash/fnv"
	"math/bits"
	"strings"

	"golang.org/x/crypto/md4"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Hashing: HASHBYTES, CHECKSUM and BINARY_CHECKSUM.

func init() {
	register(
		&Func{Name: "HASHBYTES", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.Type{ID: types.VarBinary, Length: 8000}), Eval: hashBytes},
		&Func{Name: "CHECKSUM", MinArgs: 1, MaxArgs: -1, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: checksum(false)},
		&Func{Name: "BINARY_CHECKSUM", MinArgs: 1, MaxArgs: -1, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: checksum(true)},
	)
}

// hashAlgorithms maps HASHBYTES' algorithm names to Go's implementations.
// MD2 has no maintained Go implementation and gives NULL, like an unknown
// name.
var hashAlgorithms = map[string]func() hash.Hash{
	"MD4":      md4.New,
	"MD5":      md5.New,
	"SHA":      sha1.New,
	"SHA1":     sha1.New,
	"SHA2_256": sha256.New,
	"SHA2_512": sha512.New,
}

// hashBytes is HASHBYTES(algorithm, input): the digest of input's bytes as
// SQL Server stores them (code page 1252 for varchar, UTF-16LE for
// nvarchar); NULL for a NULL input or an unknown algorithm.
func hashBytes(_ *Context, args []types.Value) (types.Value, error) {
	null := types.Null(types.VarBinary)
	if anyNull(args) {
		return null, nil
	}
	alg, err := argString(args[0])
	if err != nil {
		return null, err
	}
	newHash, ok := hashAlgorithms[strings.ToUpper(strings.TrimSpace(alg))]
	if !ok {
		return null, nil
	}
	in := args[1]
	if !in.TypeID().IsString() && !in.TypeID().IsBinary() {
		return null, errArgType(in.TypeID(), 2, "HASHBYTES")
	}
	b, err := valueBytes(in)
	if err != nil {
		return null, err
	}
	h := newHash()
	h.Write(b)
	return types.NewVarBinary(h.Sum(nil)), nil
}

// valueBytes is a string or binary value's stored bytes.
func valueBytes(v types.Value) ([]byte, error) {
	if v.TypeID().IsBinary() {
		return v.Bytes(), nil
	}
	c, err := types.Convert(v, types.Type{ID: types.VarBinary, Length: types.MaxLength}, 0)
	if err != nil {
		return nil, err
	}
	return c.Bytes(), nil
}

// checksum returns CHECKSUM (binary false) or BINARY_CHECKSUM (true).
//
// SQL Server does not document either algorithm; what it documents, and
// what this keeps, is the contract: the same values give the same int;
// CHECKSUM compares strings as the collation does (case-insensitive,
// trailing spaces ignored), so CHECKSUM('abc') = CHECKSUM('ABC ');
// BINARY_CHECKSUM works on the stored bytes, so those differ; NULL
// arguments hash as a fixed value rather than making the result NULL.
// Each argument is hashed and folded in by rotate-and-xor, so the order
// of arguments matters. The values differ from SQL Server's.
func checksum(binary bool) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, args []types.Value) (types.Value, error) {
		var acc uint32
		for _, a := range args {
			h, err := checksumOne(a, binary)
			if err != nil {
				return types.Null(types.Int), err
			}
			acc = bits.RotateLeft32(acc, 4) ^ h
		}
		return types.NewInt(int32(acc)), nil
	}
}

func checksumOne(v types.Value, binary bool) (uint32, error) {
	if v.IsNull() {
		return 0x7FFF_FFFF, nil
	}
	id := v.TypeID()
	var s string
	switch {
	case id.IsString() && !binary:
		s = strings.ToUpper(strings.TrimRight(v.Str(), " "))
	case id.IsString() || id.IsBinary():
		b, err := valueBytes(v)
		if err != nil {
			return 0, err
		}
		s = string(b)
		if id.IsString() {
			s = strings.TrimRight(s, " \x00")
		}
	default:
		c, err := types.ImplicitConvert(v, types.NVarCharType(types.MaxLength))
		if err != nil {
			return 0, errArgType(id, 1, "CHECKSUM")
		}
		s = id.Name() + ":" + c.Str()
	}
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32(), nil
}
