package txn

import (
	"cmp"
	"slices"
)

// LockStatus is sys.dm_tran_locks.request_status.
type LockStatus string

const (
	StatusGrant   LockStatus = "GRANT"
	StatusWait    LockStatus = "WAIT"
	StatusConvert LockStatus = "CONVERT"
)

// LockInfo is one row of sys.dm_tran_locks: a granted lock or a waiting request.
type LockInfo struct {
	Resource Resource
	OwnerID  uint64
	SPID     int32
	Mode     Mode // held mode, or the requested mode for WAIT and CONVERT
	Status   LockStatus
}

// Locks returns every granted lock and waiting request, ordered by resource kind,
// database, object, key, then owner id.
func (m *Manager) Locks() []LockInfo {
	m.mu.Lock()
	var out []LockInfo
	for res, h := range m.heads {
		for _, g := range h.holders {
			out = append(out, LockInfo{Resource: res, OwnerID: g.owner.id, SPID: g.owner.spid, Mode: g.mode(), Status: StatusGrant})
		}
		for _, r := range h.queue {
			st := StatusWait
			if r.conversion {
				st = StatusConvert
			}
			out = append(out, LockInfo{Resource: res, OwnerID: r.owner.id, SPID: r.owner.spid, Mode: r.mode, Status: st})
		}
	}
	m.mu.Unlock()
	slices.SortFunc(out, func(a, b LockInfo) int {
		return cmp.Or(
			cmp.Compare(a.Resource.Kind, b.Resource.Kind),
			cmp.Compare(a.Resource.Database, b.Resource.Database),
			cmp.Compare(a.Resource.Object, b.Resource.Object),
			cmp.Compare(a.Resource.Key, b.Resource.Key),
			cmp.Compare(a.OwnerID, b.OwnerID),
			cmp.Compare(a.Status, b.Status),
		)
	})
	return out
}
