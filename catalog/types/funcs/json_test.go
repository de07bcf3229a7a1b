package funcs

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// TestJSONHashOffsetFuncs covers the JSON functions, HASHBYTES, TRANSLATE
// and the time zone functions against SQL Server's documented results.
func TestJSONHashOffsetFuncs(t *testing.T) {
	vc, nv := types.NewVarChar, types.NewNVarChar
	null := types.Null(types.VarChar)
	dto := func(s string) types.Value {
		v, err := types.Convert(vc(s), types.Type{ID: types.DateTimeOffset, Scale: 7}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	dt2 := func(s string) types.Value {
		v, err := types.Convert(vc(s), types.Type{ID: types.DateTime2, Scale: 7}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	doc := vc(`{"info":{"type":1,"address":{"town":"Bristol","county":"Avon"},"tags":["Sport", "Water polo"]},"type":"Basic","ok":true,"n":null}`)
	tests := []struct {
		name string
		fn   string
		args []types.Value
		want string
		err  int32
	}{
		{"isjson object", "ISJSON", []types.Value{vc(`{"a":1}`)}, "1", 0},
		{"isjson array", "ISJSON", []types.Value{vc(` [1,2] `)}, "1", 0},
		{"isjson scalar", "ISJSON", []types.Value{vc(`1`)}, "0", 0},
		{"isjson invalid", "ISJSON", []types.Value{vc(`{"a":}`)}, "0", 0},
		{"isjson trailing", "ISJSON", []types.Value{vc(`{} x`)}, "0", 0},
		{"isjson null", "ISJSON", []types.Value{null}, "NULL", 0},
		{"json_value string", "JSON_VALUE", []types.Value{doc, vc("$.info.address.town")}, "Bristol", 0},
		{"json_value number", "JSON_VALUE", []types.Value{doc, vc("$.info.type")}, "1", 0},
		{"json_value array elem", "JSON_VALUE", []types.Value{doc, vc("$.info.tags[1]")}, "Water polo", 0},
		{"json_value bool", "JSON_VALUE", []types.Value{doc, vc("$.ok")}, "true", 0},
		{"json_value null", "JSON_VALUE", []types.Value{doc, vc("$.n")}, "NULL", 0},
		{"json_value object lax", "JSON_VALUE", []types.Value{doc, vc("$.info")}, "NULL", 0},
		{"json_value object strict", "JSON_VALUE", []types.Value{doc, vc("strict $.info")}, "", 13623},
		{"json_value missing lax", "JSON_VALUE", []types.Value{doc, vc("lax $.nope")}, "NULL", 0},
		{"json_value missing strict", "JSON_VALUE", []types.Value{doc, vc("strict $.nope")}, "", 13608},
		{"json_value quoted key", "JSON_VALUE", []types.Value{vc(`{"a b":"x"}`), vc(`$."a b"`)}, "x", 0},
		{"json_value escapes", "JSON_VALUE", []types.Value{vc(`{"a":"x\"\u00e9"}`), vc(`$.a`)}, `x"é`, 0},
		{"json_value bad path", "JSON_VALUE", []types.Value{doc, vc("info")}, "", 13607},
		{"json_value bad text", "JSON_VALUE", []types.Value{vc(`{"a":`), vc("$.a")}, "", 13609},
		{"json_value null doc", "JSON_VALUE", []types.Value{null, vc("$.a")}, "NULL", 0},
		{"json_query object", "JSON_QUERY", []types.Value{doc, vc("$.info.address")}, `{"town":"Bristol","county":"Avon"}`, 0},
		{"json_query array as written", "JSON_QUERY", []types.Value{doc, vc("$.info.tags")}, `["Sport", "Water polo"]`, 0},
		{"json_query root", "JSON_QUERY", []types.Value{vc(` [1] `)}, `[1]`, 0},
		{"json_query scalar lax", "JSON_QUERY", []types.Value{doc, vc("$.type")}, "NULL", 0},
		{"json_query scalar strict", "JSON_QUERY", []types.Value{doc, vc("strict $.type")}, "", 13624},
		{"json_modify replace", "JSON_MODIFY", []types.Value{vc(`{"name":"John","skills":["C#","SQL"]}`), vc("$.name"), vc("Mike")}, `{"name":"Mike","skills":["C#","SQL"]}`, 0},
		{"json_modify add", "JSON_MODIFY", []types.Value{vc(`{"name":"John"}`), vc("$.surname"), vc("Smith")}, `{"name":"John","surname":"Smith"}`, 0},
		{"json_modify add empty", "JSON_MODIFY", []types.Value{vc(`{}`), vc("$.a"), types.NewInt(1)}, `{"a":1}`, 0},
		{"json_modify delete first", "JSON_MODIFY", []types.Value{vc(`{"name":"John","age":5}`), vc("$.name"), null}, `{"age":5}`, 0},
		{"json_modify delete last", "JSON_MODIFY", []types.Value{vc(`{"name":"John","age":5}`), vc("$.age"), null}, `{"name":"John"}`, 0},
		{"json_modify strict null", "JSON_MODIFY", []types.Value{vc(`{"a":1}`), vc("strict $.a"), null}, `{"a":null}`, 0},
		{"json_modify strict missing", "JSON_MODIFY", []types.Value{vc(`{"a":1}`), vc("strict $.b"), types.NewInt(2)}, "", 13608},
		{"json_modify append", "JSON_MODIFY", []types.Value{vc(`{"skills":["C#","SQL"]}`), vc("append $.skills"), vc("Azure")}, `{"skills":["C#","SQL","Azure"]}`, 0},
		{"json_modify append empty", "JSON_MODIFY", []types.Value{vc(`{"s":[]}`), vc("append $.s"), types.NewInt(1)}, `{"s":[1]}`, 0},
		{"json_modify json value", JSONModifyJSON, []types.Value{vc(`{"a":1}`), vc("$.a"), vc(`["x"]`)}, `{"a":["x"]}`, 0},
		{"json_modify string that looks like json", "JSON_MODIFY", []types.Value{vc(`{"a":1}`), vc("$.a"), vc(`["x"]`)}, `{"a":"[\"x\"]"}`, 0},
		{"json_modify quotes", "JSON_MODIFY", []types.Value{vc(`{"a":1}`), vc("$.a"), vc(`say "hi"`)}, `{"a":"say \"hi\""}`, 0},
		{"hashbytes sha256", "HASHBYTES", []types.Value{vc("SHA2_256"), vc("abc")}, "0xBA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", 0},
		{"hashbytes md5", "HASHBYTES", []types.Value{vc("md5"), vc("abc")}, "0x900150983CD24FB0D6963F7D28E17F72", 0},
		{"hashbytes sha1", "HASHBYTES", []types.Value{vc("SHA1"), vc("abc")}, "0xA9993E364706816ABA3E25717850C26C9CD0D89D", 0},
		{"hashbytes md4", "HASHBYTES", []types.Value{vc("MD4"), vc("abc")}, "0xA448017AAF21D8525FC10AE87AA6729D", 0},
		{"hashbytes nvarchar is utf16", "HASHBYTES", []types.Value{vc("MD5"), nv("abc")}, "0xCE1473CF80C6B3FDA8E3DFC006ADC315", 0},
		{"hashbytes unknown", "HASHBYTES", []types.Value{vc("SHA3"), vc("abc")}, "NULL", 0},
		{"hashbytes null", "HASHBYTES", []types.Value{vc("MD5"), null}, "NULL", 0},
		{"hashbytes int", "HASHBYTES", []types.Value{vc("MD5"), types.NewInt(1)}, "", 8116},
		{"translate", "TRANSLATE", []types.Value{vc("2*[3+4]/{7-2}"), vc("[]{}"), vc("()()")}, "2*(3+4)/(7-2)", 0},
		{"translate lengths", "TRANSLATE", []types.Value{vc("abc"), vc("ab"), vc("x")}, "", 9828},
		{"switchoffset", "SWITCHOFFSET", []types.Value{dto("2024-01-01 10:00:00 +02:00"), vc("+00:00")}, "2024-01-01 08:00:00.0000000 +00:00", 0},
		{"switchoffset minutes", "SWITCHOFFSET", []types.Value{dto("2024-01-01 00:30:00 +00:00"), types.NewInt(-60)}, "2023-12-31 23:30:00.0000000 -01:00", 0},
		{"switchoffset bad", "SWITCHOFFSET", []types.Value{dto("2024-01-01 10:00:00 +02:00"), vc("+15:00")}, "", 9812},
		{"todatetimeoffset", "TODATETIMEOFFSET", []types.Value{dt2("2024-01-01 10:00:00"), vc("-05:00")}, "2024-01-01 10:00:00.0000000 -05:00", 0},
		{"todatetimeoffset null", "TODATETIMEOFFSET", []types.Value{types.Null(types.DateTime2), vc("-05:00")}, "NULL", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Call(nil, tc.fn, tc.args...)
			if tc.err != 0 {
				if !types.IsError(err, tc.err) {
					t.Fatalf("got %v, %v; want error %d", v, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestChecksum checks CHECKSUM's documented contract: equal under the
// collation gives equal sums, BINARY_CHECKSUM sees case, order matters.
func TestChecksum(t *testing.T) {
	vc := types.NewVarChar
	sum := func(fn string, args ...types.Value) int64 {
		t.Helper()
		v, err := Call(nil, fn, args...)
		if err != nil {
			t.Fatal(err)
		}
		return v.Int64()
	}
	tests := []struct {
		name  string
		a, b  int64
		equal bool
	}{
		{"checksum case-insensitive", sum("CHECKSUM", vc("abc")), sum("CHECKSUM", vc("ABC ")), true},
		{"binary_checksum sees case", sum("BINARY_CHECKSUM", vc("abc")), sum("BINARY_CHECKSUM", vc("ABC")), false},
		{"checksum differs", sum("CHECKSUM", vc("abc")), sum("CHECKSUM", vc("abd")), false},
		{"order matters", sum("CHECKSUM", vc("a"), types.NewInt(1)), sum("CHECKSUM", types.NewInt(1), vc("a")), false},
		{"null is a value", sum("CHECKSUM", types.Null(types.Int)), sum("CHECKSUM", types.Null(types.Int)), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if (tc.a == tc.b) != tc.equal {
				t.Fatalf("%d vs %d: equal=%v, want %v", tc.a, tc.b, tc.a == tc.b, tc.equal)
			}
		})
	}
}

// FuzzJSONFuncs feeds arbitrary documents and paths to the JSON functions:
// they return a value or an error, never panic.
func FuzzJSONFuncs(f *testing.F) {
	f.Add(`{"a":{"b":[1,"x",null,true]}}`, `$.a.b[1]`)
	f.Add(`[1, {"k": "v"}]`, `strict $[1].k`)
	f.Add(`{"a":1,"a":2}`, `append $.a`)
	f.Add(`{`, `$."q\"k"`)
	f.Fuzz(func(t *testing.T, doc, path string) {
		d, p := types.NewNVarChar(doc), types.NewNVarChar(path)
		for _, fn := range []string{"JSON_VALUE", "JSON_QUERY"} {
			_, _ = Call(nil, fn, d, p)
		}
		_, _ = Call(nil, "JSON_MODIFY", d, p, types.NewNVarChar("x"))
		_, _ = Call(nil, "JSON_MODIFY", d, p, types.Null(types.NVarChar))
		_, _ = Call(nil, "ISJSON", d)
	})
}
