package main

import (
	"context"
	"crypto/x509"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/mirroring"
)

// mirroringAdapter joins the engine and the mirroring manager, which do not
// import each other: it gives the manager the instance as a mirroring.Host and
// gives the engine the manager as an engine.Mirroring.
type mirroringAdapter struct {
	mgr *mirroring.Manager
}

// hostAdapter is the instance as the mirroring manager sees it.
type hostAdapter struct{ inst *engine.Instance }

func (h hostAdapter) ServerName() string { return h.inst.ServerName() }

func (h hostAdapter) Database(name string) (mirroring.Database, bool) {
	db := h.inst.Database(name)
	if db == nil {
		return nil, false
	}
	return db, true
}

func newMirroring(cfg Config, inst *engine.Instance, logger *slog.Logger) (*mirroringAdapter, error) {
	// Partners ping four times a second and TIMEOUT counts seconds, so a lost
	// partner is noticed within a quarter second of TIMEOUT.
	mgr, err := mirroring.NewManager(mirroring.Config{DataDir: cfg.DataDir, Logger: logger,
		PingInterval: 250 * time.Millisecond, TimeoutUnit: time.Second}, hostAdapter{inst})
	if err != nil {
		return nil, err
	}
	a := &mirroringAdapter{mgr: mgr}
	inst.SetMirroring(a)
	return a, nil
}

func (a *mirroringAdapter) Close() error { return a.mgr.Close() }

func (a *mirroringAdapter) StartEndpoint(ep engine.EndpointSpec) error {
	cfg := mirroring.EndpointConfig{Name: ep.Name, Port: ep.Port, IP: ep.IP, Role: ep.Role, Encryption: ep.Encryption,
		Algorithm: ep.Algorithm, State: ep.State, Authentication: ep.Authentication, Certificate: ep.Certificate}
	if authorize := ep.AuthorizePeer; authorize != nil {
		cfg.Authorize = func(cert *x509.Certificate) mirroring.PeerCheck {
			v := authorize(cert)
			return mirroring.PeerCheck{Login: v.Login, CertificateID: v.CertificateID, NoConnect: v.NoConnect, Invalid: v.Invalid}
		}
	}
	return a.mgr.StartEndpoint(cfg)
}

func (a *mirroringAdapter) StopEndpoint() error { return a.mgr.StopEndpoint() }

func (a *mirroringAdapter) SetPartner(ctx context.Context, db, address string) error {
	return a.mgr.SetPartner(ctx, db, address)
}

var commands = map[string]mirroring.Command{
	"FAILOVER": mirroring.CmdFailover, "FORCE_SERVICE_ALLOW_DATA_LOSS": mirroring.CmdForceService, "OFF": mirroring.CmdOff,
	"SUSPEND": mirroring.CmdSuspend, "RESUME": mirroring.CmdResume, "SAFETY FULL": mirroring.CmdSafetyFull,
	"SAFETY OFF": mirroring.CmdSafetyOff, "TIMEOUT": mirroring.CmdTimeout,
}

func (a *mirroringAdapter) PartnerCommand(ctx context.Context, db string, cmd string, arg int) error {
	return a.mgr.PartnerCommand(ctx, db, commands[strings.ToUpper(cmd)], arg)
}

func (a *mirroringAdapter) SetWitness(ctx context.Context, db, address string) error {
	return a.mgr.SetWitness(ctx, db, address)
}

func (a *mirroringAdapter) Status(db string) (engine.MirroringStatus, bool) {
	st, ok := a.mgr.Status(db)
	if !ok {
		return engine.MirroringStatus{}, false
	}
	return engine.MirroringStatus{
		GUID: strings.ToUpper(st.GUID.String()), State: int(st.State), StateDesc: st.StateDesc, Role: int(st.Role), RoleDesc: st.RoleDesc,
		RoleSequence: int64(st.RoleSequence), SafetyLevel: int(st.SafetyLevel), SafetyLevelDesc: st.SafetyLevelDesc,
		SafetySequence: int64(st.SafetySequence), PartnerName: st.PartnerName, PartnerInstance: st.PartnerInstance,
		WitnessName: st.WitnessName, WitnessState: int(st.WitnessState), WitnessStateDesc: st.WitnessStateDesc,
		FailoverLSN: st.FailoverLSN, ConnectionTimeout: st.ConnectionTimeout, EndOfLogLSN: st.EndOfLogLSN,
		ReplicationLSN: st.ReplicationLSN, SendQueueKB: int64(st.SendQueueKB), RedoQueueKB: int64(st.RedoQueueKB),
		SendRateKBps: int64(st.SendRateKBps), RedoRateKBps: int64(st.RedoRateKBps), HardenedLSN: st.ReplicationLSN,
		Serving: st.Serving, MirroredTransactions: int64(st.MirroredTransactions), TransactionDelayMS: int64(st.TransactionDelayMS),
		TransactionsPerSec: int64(st.TransactionsPerSec), AverageDelayMS: int64(st.AverageDelayMS),
	}, true
}

func (a *mirroringAdapter) Witnessed() []engine.WitnessStatus {
	var out []engine.WitnessStatus
	for _, w := range a.mgr.Witnessed() {
		state, desc := 1, "CONNECTED"
		if !w.SeesPrincipal && !w.SeesMirror {
			state, desc = 2, "DISCONNECTED"
		}
		out = append(out, engine.WitnessStatus{DatabaseName: w.Database, PrincipalName: w.PrincipalServer, MirrorName: w.MirrorServer,
			GUID: strings.ToUpper(w.MirroringGUID.String()), RoleSequence: int64(w.RoleSequence), SafetySequence: int64(w.SafetySequence),
			SafetyLevel: int(w.SafetyLevel), SafetyLevelDesc: w.SafetyLevelDesc, State: state, StateDesc: desc,
			PartnerSyncState: int(w.PartnerSyncState), PartnerSyncStateDesc: w.PartnerSyncStateDesc,
			PrincipalPresent: w.SeesPrincipal, MirrorPresent: w.SeesMirror, Suspended: w.IsSuspended,
			SuspendedSequence: int64(w.IsSuspendedSequence), FamilyGUID: familyText(w.FamilyGUID)})
	}
	return out
}

func (a *mirroringAdapter) Connections() []engine.MirroringConnection {
	var out []engine.MirroringConnection
	for _, c := range a.mgr.Connections() {
		out = append(out, engine.MirroringConnection{ConnectionID: strings.ToUpper(c.ConnectionID.String()), State: c.StateDesc,
			PeerInstance: c.PrincipalName, PeerID: strings.ToUpper(c.PeerID.String()), ConnectTime: c.ConnectTime, LoginTime: c.LoginTime,
			LastActivity: c.LastActivityTime, BytesSent: int64(c.TotalBytesSent), BytesReceived: int64(c.TotalBytesRecv),
			FragmentsSent: int64(c.TotalFragmentsOut), FragmentsRecv: int64(c.TotalFragmentsIn), Sends: int64(c.TotalSends),
			Receives: int64(c.TotalReceives), LoginState: c.LoginState, LoginStateDesc: c.LoginStateDesc, IsAccept: c.IsAccept,
			Encrypted: c.Encrypted, Algorithm: c.Algorithm, Authentication: c.Authentication, Login: c.Login,
			PeerCertificateID: c.PeerCertificateID})
	}
	return out
}

func (a *mirroringAdapter) PartnerInstance(db string) string { return a.mgr.PartnerInstance(db) }

// familyText is a witnessed session's family_guid for the view: "" (NULL)
// until a partner has told the witness.
func familyText(g uuid.UUID) string {
	if g == uuid.Nil {
		return ""
	}
	return strings.ToUpper(g.String())
}
