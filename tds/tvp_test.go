package tds

import (
	"reflect"
	"strings"
	"testing"
)

// tvpHeader is an RPC call of procedure "p" with one TVP parameter @ids of type
// dbo.IdList; the TVP_TYPE_INFO, metadata and rows follow.
const tvpHeader = "0100 7000 0000 | 04 4000690064007300 00 F3 | 00 03 64006200 6F00 06 490064004C00690073007400"

// tvpIDName is the metadata go-mssqldb v1.11.2 sends for struct{ ID int64;
// Name string }: INTN(8) and nvarchar(max) (it sets string columns' size to 0),
// UserType 0, no flags, empty column names, TVP_END_TOKEN.
const tvpIDName = "0200 | 00000000 0000 26 08 00 | 00000000 0000 E7 FFFF 0904D00034 00 | 00"

func TestDecodeTVP(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want *TVP
		err  string // substring of the error; "" for success
	}{
		{
			name: "two rows, NULLs, PLP string",
			hex: tvpHeader + tvpIDName +
				"01 08 0100000000000000 0200000000000000 02000000 6100 00000000" +
				"01 00 FFFFFFFFFFFFFFFF" + "00",
			want: &TVP{Schema: "dbo", Name: "IdList",
				Columns: []TVPColumn{{Type: TypeInfo{ID: typeIntN, Length: 8}}, {Type: TypeInfo{ID: typeNVarChar, Length: MaxLength, Collation: DefaultCollation}}},
				Rows:    [][]any{{int64(1), "a"}, {nil, nil}}},
		},
		{
			name: "no rows",
			hex:  tvpHeader + tvpIDName + "00",
			want: &TVP{Schema: "dbo", Name: "IdList",
				Columns: []TVPColumn{{Type: TypeInfo{ID: typeIntN, Length: 8}}, {Type: TypeInfo{ID: typeNVarChar, Length: MaxLength, Collation: DefaultCollation}}}},
		},
		{
			name: "default (identity) column has no value, ordering tokens skipped",
			hex: tvpHeader + "0200 | 00000000 0002 26 04 00 | 00000000 0000 26 04 00 |" +
				"10 0100 0100 01 | 11 0100 0200 | 00" +
				"01 04 07000000 | 00",
			want: &TVP{Schema: "dbo", Name: "IdList",
				Columns: []TVPColumn{{Type: TypeInfo{ID: typeIntN, Length: 4}, Default: true}, {Type: TypeInfo{ID: typeIntN, Length: 4}}},
				Rows:    [][]any{{nil, int64(7)}}},
		},
		{
			name: "TVP_NULL_TOKEN: no metadata, no rows",
			hex:  tvpHeader + "FFFF 00 00",
			want: &TVP{Schema: "dbo", Name: "IdList"},
		},
		{name: "database part", hex: "0100 7000 0000 | 04 4000690064007300 00 F3 | 01 6100 00 01 7400 0100", err: "database part"},
		{name: "no type name", hex: "0100 7000 0000 | 04 4000690064007300 00 F3 | 00 00 00 0100", err: "without a type name"},
		{name: "zero columns", hex: tvpHeader + "0000 00 00", err: "0 columns"},
		{name: "too many columns", hex: tvpHeader + "0104" + strings.Repeat("00", 8000), err: "1025 columns"},
		{name: "columns beyond the message", hex: tvpHeader + "0A00 00000000 0000 26 08 00", err: "10 columns"},
		{name: "named column", hex: tvpHeader + "0100 00000000 0000 26 08 01 6100 00 00", err: "has a name"},
		{name: "bad metadata token", hex: tvpHeader + tvpIDName[:len(tvpIDName)-2] + "07", err: "metadata token 0x07"},
		{name: "bad row token", hex: tvpHeader + tvpIDName + "02", err: "row token 0x02"},
		{name: "row without metadata", hex: tvpHeader + "FFFF 00 01", err: "without column metadata"},
		{name: "truncated row", hex: tvpHeader + tvpIDName + "01 08 0100", err: "row 1 column 1"},
		{name: "missing end token", hex: tvpHeader + tvpIDName + "01 08 0100000000000000 FFFFFFFFFFFFFFFF", err: "TVP rows"},
		{name: "truncated metadata", hex: tvpHeader + "0100 00000000 0000 26", err: "column 1"},
		{name: "ordering beyond the message", hex: tvpHeader + tvpIDName[:len(tvpIDName)-2] + "10 FF00", err: "TVP metadata"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := DecodeRPC(append(allHeaders(0), unhex(t, tc.hex)...), 0)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req.Name() != "p" || len(req.Params) != 1 || req.Params[0].Name != "@ids" || !req.Params[0].Type.IsTVP() {
				t.Fatalf("request %+v", req)
			}
			if got := req.Params[0].Value.(*TVP); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("TVP\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDecodeTVPThenScalar(t *testing.T) {
	// A TVP is followed by further parameters: the decoder must stop exactly
	// at the TVP's end token.
	p := append(allHeaders(0), unhex(t, tvpHeader+tvpIDName+"00")...)
	p = append(p, rpcParam(t, "@n", 0, TypeInt(), int64(3))...)
	req, err := DecodeRPC(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(req.Params) != 2 || req.Params[1].Value != int64(3) {
		t.Fatalf("params %+v", req.Params)
	}
}

func FuzzRPCTVP(f *testing.F) {
	f.Add(append(allHeaders(0), unhexNoT(tvpHeader+tvpIDName+"01 08 0100000000000000 0200000000000000 02000000 6100 00000000 01 00 FFFFFFFFFFFFFFFF 00")...))
	f.Add(append(allHeaders(0), unhexNoT(tvpHeader+"0200 00000000 0002 26 04 00 00000000 0000 26 04 00 10 0100 0100 01 11 0100 0200 00 01 04 07000000 00")...))
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := DecodeRPC(b, 0)
		if err != nil {
			return
		}
		for _, p := range req.Params {
			if v, ok := p.Value.(*TVP); ok {
				for _, row := range v.Rows {
					if len(row) != len(v.Columns) {
						t.Fatalf("row of %d values for %d columns", len(row), len(v.Columns))
					}
				}
			}
		}
	})
}
