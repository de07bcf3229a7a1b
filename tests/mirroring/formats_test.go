package mirroring_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// TestFormatsNamedByVersion: what a mirror must understand of its principal —
// the log record kinds it redoes, the mirroring message types it reads, the
// catalog encoding DDL records carry — is what the protocol version names
// (docs/compatibility.md). Adding a kind or a message type, or changing the
// catalog's format version, fails here until proto.Version is bumped and the
// table gets the new version's row: the bump is what keeps a newer principal
// from shipping such log to an older mirror, and an older peer from meeting a
// message type it closes the connection on.
func TestFormatsNamedByVersion(t *testing.T) {
	type formats struct{ kinds, messages, catalog int }
	byVersion := map[uint8]formats{
		2: {kinds: 12, messages: 21, catalog: 1}, // 2e399cb
		3: {kinds: 12, messages: 21, catalog: 1},
		4: {kinds: 12, messages: 22, catalog: 1}, // SessionFamily
	}
	var got formats
	for i := 1; i < 256; i++ {
		if txlog.Kind(i).String() != fmt.Sprintf("Kind(%d)", i) {
			got.kinds++
		}
		if proto.MsgType(i).String() != fmt.Sprintf("MsgType(%d)", i) {
			got.messages++
		}
	}
	got.catalog = catalog.FormatVersion
	want, ok := byVersion[proto.Version]
	if !ok || got != want {
		t.Fatalf("formats now %+v, but protocol version %d names %+v (ok=%v): bump proto.Version, add its row here and in docs/compatibility.md, and keep the older layouts for peers that agree an older version",
			got, proto.Version, want, ok)
	}
}
