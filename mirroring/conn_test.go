package mirroring

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// TestBadFramesEndConnectionOnly sends a corrupt frame and an out-of-place Hello on
// established connections: each connection ends, the manager and the session on it
// carry on (§1.4 hard error, then reconnect). The mirror's endpoint has
// ENCRYPTION = SUPPORTED, so the intruder's plain-text Hello is let in (a
// REQUIRED endpoint refuses it: endpoint.TestPlainHelloRefused).
func TestBadFramesEndConnectionOnly(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	if err := pr.m.mgr.StartEndpoint(EndpointConfig{Name: "Mirroring", Port: pr.m.port, IP: "127.0.0.1", Role: pr.m.role,
		State: "STARTED", Encryption: "SUPPORTED"}); err != nil {
		t.Fatal(err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	bad := [][]byte{
		append([]byte("MSDM\x02\x04\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00"), 0xff),     // checksum mismatch
		proto.Marshal(&proto.Hello{InstanceName: "X"}),                                   // unexpected type
		proto.Marshal(&proto.LogBlocks{MirroringID: uuid.New(), Blocks: []byte("junk")}), // unknown session
	}
	for _, b := range bad {
		nc, err := net.Dial("tcp", pr.m.mgr.ListenAddr())
		if err != nil {
			t.Fatal(err)
		}
		pc := proto.NewConn(nc, 0)
		if err := pc.WriteMessage(&proto.Hello{InstanceName: "INTRUDER", InstanceID: uuid.New(),
			Role: proto.EndpointPartner, MinVersion: proto.Version, MaxVersion: proto.Version}); err != nil {
			t.Fatal(err)
		}
		_ = pc.Flush()
		if m, err := pc.ReadMessage(); err != nil || m.Type() != proto.TypeHelloAck {
			t.Fatalf("handshake: %v %v", m, err)
		}
		_, _ = nc.Write(b)
		_ = nc.SetReadDeadline(time.Now().Add(3 * time.Second))
		_, _ = pc.ReadMessage() // closed by the manager, or nothing to read for a dropped message
		nc.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := 0; i < 20; i++ {
		lsn, err := pr.pdb.commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if h := pr.mdb.log.HardenedLSN(); h < lsn {
			t.Fatalf("commit released before the mirror hardened it")
		}
	}
}
