package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A backup set may carry an expiration date (BACKUP … WITH EXPIREDATE =
// 'date' or RETAINDAYS = n; "media retention" is 0 here, so a set given
// neither never expires). As on SQL Server (Microsoft's "Media sets, media
// families, and backup sets", overwriting backup sets): BACKUP … WITH INIT
// does not overwrite media holding a set that has not expired — 4030 — unless
// SKIP, or FORMAT, which implies it; appending (NOINIT) is always allowed.
// RESTORE HEADERONLY shows the date (ExpirationDate).

// backupExpiry is the expiration date st's options give its set, zero for
// none: RETAINDAYS days from now, else EXPIREDATE's date (a string or a
// variable converted to datetime).
func backupExpiry(ctx context.Context, s *exec.Session, opts []*ast.Option, now time.Time) (time.Time, error) {
	value := func(name string) (types.Value, bool, error) {
		for _, o := range opts {
			if strings.EqualFold(o.Name, name) && o.Value != nil {
				v, err := s.EvalValue(ctx, o.Value)
				return v, err == nil && !v.IsNull(), err
			}
		}
		return types.Value{}, false, nil
	}
	if v, ok, err := value("RETAINDAYS"); err != nil || ok {
		if err != nil {
			return time.Time{}, err
		}
		days, err := types.Convert(v, types.TypeInt, 0)
		if err != nil {
			return time.Time{}, err
		}
		return now.AddDate(0, 0, int(days.Int64())), nil
	}
	v, ok, err := value("EXPIREDATE")
	if err != nil || !ok {
		return time.Time{}, err
	}
	d, err := types.Convert(v, types.TypeDateTime, 0)
	if err != nil {
		return time.Time{}, err
	}
	return d.Time(), nil
}

// checkExpired is 4030 when one of the sets on the media at path has not
// expired at now.
func checkExpired(sets []backupHeader, path string, now time.Time) error {
	for _, h := range sets {
		if !h.Expires.IsZero() && now.Before(h.Expires) {
			return &exec.Error{Number: 4030, Severity: 16, State: 1, Message: fmt.Sprintf("The medium on device '%s' expires on %s and cannot be overwritten.", path, sqlDateText(h.Expires))}
		}
	}
	return nil
}

// sqlDateText formats t as SQL Server prints a datetime into a message's %hs
// (CONVERT style 109): "Jan  1 2030 12:00:00:000AM".
func sqlDateText(t time.Time) string {
	h, half := t.Hour()%12, "AM"
	if h == 0 {
		h = 12
	}
	if t.Hour() >= 12 {
		half = "PM"
	}
	return fmt.Sprintf("%s %2d %d %2d:%02d:%02d:%03d%s", t.Format("Jan"), t.Day(), t.Year(), h, t.Minute(), t.Second(), t.Nanosecond()/1e6, half)
}
