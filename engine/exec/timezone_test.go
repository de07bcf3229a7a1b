package exec

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// TestInZone checks AT TIME ZONE's reading of wall clocks around
// daylight-time changes (gaps move forward with the new offset, overlaps
// keep the offset before the change), including a 30-minute change.
func TestInZone(t *testing.T) {
	dto0 := types.Type{ID: types.DateTimeOffset}
	tests := []struct {
		zone, wall, want string
	}{
		{"Pacific Standard Time", "2024-03-10T01:59:00", "2024-03-10T01:59:00-08:00"},
		{"Pacific Standard Time", "2024-03-10T02:30:00", "2024-03-10T03:30:00-07:00"},
		{"Pacific Standard Time", "2024-03-10T03:00:00", "2024-03-10T03:00:00-07:00"},
		{"Pacific Standard Time", "2024-11-03T01:30:00", "2024-11-03T01:30:00-07:00"},
		{"Pacific Standard Time", "2024-11-03T02:00:00", "2024-11-03T02:00:00-08:00"},
		{"Lord Howe Standard Time", "2024-10-06T02:15:00", "2024-10-06T02:45:00+11:00"},
		{"Lord Howe Standard Time", "2024-04-07T01:45:00", "2024-04-07T01:45:00+11:00"},
		{"UTC", "2024-06-01T00:00:00", "2024-06-01T00:00:00+00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.wall, func(t *testing.T) {
			loc, err := lookupZone(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			wall, err := time.Parse("2006-01-02T15:04:05", tt.wall)
			if err != nil {
				t.Fatal(err)
			}
			v, err := inZone(types.MustTime(wall, types.Type{ID: types.DateTime2}), loc, dto0)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Time().Format("2006-01-02T15:04:05-07:00"); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLookupZone(t *testing.T) {
	tests := []struct {
		name string
		iana string // "" for error 9820
	}{
		{"Pacific Standard Time", "America/Los_Angeles"},
		{"central europe standard time", "Europe/Budapest"},
		{"W. Europe Standard Time", "Europe/Berlin"},
		{"Pacific", ""},
		{"America/Los_Angeles", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := lookupZone(tt.name)
			if tt.iana == "" {
				var e *Error
				if !errors.As(err, &e) || e.Number != 9820 {
					t.Fatalf("got %v, %v; want error 9820", loc, err)
				}
				return
			}
			if err != nil || loc.String() != tt.iana {
				t.Fatalf("got %v, %v; want %s", loc, err, tt.iana)
			}
		})
	}
}

func TestFormatUTCOffset(t *testing.T) {
	for sec, want := range map[int]string{0: "+00:00", 19800: "+05:30", -28800: "-08:00", 45900: "+12:45", -34200: "-09:30"} {
		if got := formatUTCOffset(sec); got != want {
			t.Errorf("formatUTCOffset(%d) = %s, want %s", sec, got, want)
		}
	}
}
