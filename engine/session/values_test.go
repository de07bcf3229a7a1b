package session

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tds"
)

// TestFieldOfMatchesWireValue checks that the unboxed row path hands tds the
// same value the boxed one does, for every value family.
func TestFieldOfMatchesWireValue(t *testing.T) {
	dec, err := types.ParseNumericLiteral("-123.45")
	if err != nil {
		t.Fatal(err)
	}
	dt, err := types.FromTime(time.Date(2024, 2, 29, 13, 14, 15, 0, time.UTC), types.TypeDateTime)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    types.Value
		kind tds.FieldKind
	}{
		{"null", types.Null(types.Int), tds.FieldNull},
		{"untyped null", types.Value{}, tds.FieldNull},
		{"bit", types.NewBit(true), tds.FieldAny},
		{"tinyint", types.NewTinyInt(200), tds.FieldInt},
		{"smallint", types.NewSmallInt(-2), tds.FieldInt},
		{"int", types.NewInt(123456), tds.FieldInt},
		{"bigint", types.NewBigInt(-1 << 40), tds.FieldInt},
		{"real", types.NewReal(1.5), tds.FieldFloat},
		{"float", types.NewFloat(-2.25), tds.FieldFloat},
		{"money", types.NewMoney(12345), tds.FieldAny},
		{"decimal", dec, tds.FieldAny},
		{"varchar", types.NewVarChar("row"), tds.FieldString},
		{"nvarchar", types.NewNVarChar("héllo"), tds.FieldString},
		{"varbinary", types.NewVarBinary([]byte{0, 1, 0xff}), tds.FieldBinary},
		{"uniqueidentifier", types.NewUUID(uuid.MustParse("6F9619FF-8B86-D011-B42D-00C04FC964FF")), tds.FieldAny},
		{"datetime", dt, tds.FieldAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := wireValue(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			var f tds.Field
			if err := fieldOf(&f, &tc.v); err != nil {
				t.Fatal(err)
			}
			if f.Kind != tc.kind {
				t.Errorf("kind %d, want %d", f.Kind, tc.kind)
			}
			if got := f.Value(); !reflect.DeepEqual(got, want) {
				t.Errorf("field value %#v, wireValue %#v", got, want)
			}
		})
	}
}
