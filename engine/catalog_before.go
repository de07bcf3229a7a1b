package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Catalog before images.
//
// A DDL log record holds the new catalog, not the old one, so RevertTo needs
// the catalog as of the fork from elsewhere. Reading the store as of the
// fork's version is not reliable: housekeeping moves badger's discard point up
// to the applied LSN, and compaction then keeps only the newest catalog
// version below it — the read finds a later catalog or none (and reverting to
// "none" would delete the catalog). So a DDL committed while the database is
// a mirrored principal (ddlPayload.WaitMirror) also stores the catalog it
// replaces, under catalog.ObjectMeta key "catalog_before/" + its commit LSN,
// in the same batch. A key that is never overwritten keeps its one version
// through compaction. RevertTo takes the before image of the first DDL after
// the fork; the reclaim pass deletes before images once their commit is safe
// (the same rule as pending drops, drops.go), and RevertTo deletes those of
// the commits it undoes (their LSNs are reused by the new fork).

var catalogBeforePrefix = []byte("catalog_before/")

func catalogBeforeKey(lsn txlog.LSN) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(nil), catalogBeforePrefix...), uint64(lsn))
}

// catalogBefore is one before image: the DDL commit's LSN and store version,
// whether that commit waited for the mirror, and the catalog it replaced
// (present false: the database had none yet).
type catalogBefore struct {
	lsn, version txlog.LSN
	waitMirror   bool
	present      bool
	catalog      []byte
}

// encodeCatalogBefore is version (8 bytes), flags (1; bit 0 waitMirror, bit 1
// present), then the encoded catalog.
func encodeCatalogBefore(c catalogBefore) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 9+len(c.catalog)), uint64(c.version))
	var flags byte
	if c.waitMirror {
		flags |= 1
	}
	if c.present {
		flags |= 2
	}
	return append(append(b, flags), c.catalog...)
}

var errBadCatalogBefore = errors.New("malformed catalog before image")

func decodeCatalogBefore(key, value []byte) (catalogBefore, error) {
	if len(key) != len(catalogBeforePrefix)+8 || len(value) < 9 {
		return catalogBefore{}, errBadCatalogBefore
	}
	return catalogBefore{
		lsn:        txlog.LSN(binary.BigEndian.Uint64(key[len(catalogBeforePrefix):])),
		version:    txlog.LSN(binary.BigEndian.Uint64(value)),
		waitMirror: value[8]&1 != 0,
		present:    value[8]&2 != 0,
		catalog:    value[9:],
	}, nil
}

// putCatalogBefore adds to b (the batch of the DDL committed at lsn, version
// at) the before image of the store's catalog, unless one is stored for lsn
// already. Callers apply DDL in commit order (ddlMu on a principal, log order
// in redo), so the store's newest catalog is the one this DDL replaces —
// except when crash recovery redoes a DDL the store already holds, and then
// the image written the first time is there and is kept. (If the reclaim pass
// deleted it meanwhile, the image written now lies below that delete and
// stays invisible.)
func putCatalogBefore(store storage.Reader, b *storage.Batch, ddl *ddlPayload, lsn, at txlog.LSN) error {
	if !ddl.WaitMirror {
		return nil
	}
	ctx := context.Background()
	key := catalogBeforeKey(lsn)
	if _, ok, err := store.Get(ctx, catalog.ObjectMeta, key, storage.Latest); err != nil || ok {
		return err
	}
	cur, ok, err := store.Get(ctx, catalog.ObjectCatalog, catalogKey, storage.Latest)
	if err != nil {
		return fmt.Errorf("read catalog before DDL at %s: %w", lsn, err)
	}
	b.Put(catalog.ObjectMeta, key, encodeCatalogBefore(catalogBefore{version: at, waitMirror: true, present: ok, catalog: cur}))
	return nil
}

// catalogBefores lists the database's before images in LSN order.
func (db *Database) catalogBefores() ([]catalogBefore, error) {
	upper := append(append([]byte(nil), catalogBeforePrefix...), 0xFF)
	it, err := db.store.NewIterator(catalog.ObjectMeta, catalogBeforePrefix, upper, false, storage.Latest)
	if err != nil {
		return nil, fmt.Errorf("list catalog before images of %s: %w", db.name, err)
	}
	defer it.Close()
	var out []catalogBefore
	for it.Next() {
		c, err := decodeCatalogBefore(it.Key(), it.Value())
		if err != nil {
			return nil, fmt.Errorf("list catalog before images of %s: key %x: %w", db.name, it.Key(), err)
		}
		c.catalog = nil // callers that need it Get it
		out = append(out, c)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("list catalog before images of %s: %w", db.name, err)
	}
	return out, nil
}

// catalogAtFork returns the catalog as of the fork for RevertTo, given the
// commit LSN of the first DDL after it: its before image when stored, or else
// (a DDL committed while not mirrored, or before images existed) the store's
// catalog as of the fork's version, which compaction may have lost. present
// false means the database had no catalog then.
func (db *Database) catalogAtFork(ctx context.Context, fork, firstDDL txlog.LSN) (value []byte, present bool, err error) {
	v, ok, err := db.store.Get(ctx, catalog.ObjectMeta, catalogBeforeKey(firstDDL), storage.Latest)
	if err != nil {
		return nil, false, err
	}
	if ok {
		c, err := decodeCatalogBefore(catalogBeforeKey(firstDDL), v)
		if err != nil {
			return nil, false, err
		}
		return c.catalog, c.present, nil
	}
	return db.store.Get(ctx, catalog.ObjectCatalog, catalogKey, db.version(fork))
}

// revertCatalogBefores adds to batch the deletion of the before images of
// commits after fork.
func (db *Database) revertCatalogBefores(batch *storage.Batch, fork txlog.LSN) error {
	cs, err := db.catalogBefores()
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.lsn > fork {
			batch.Delete(catalog.ObjectMeta, catalogBeforeKey(c.lsn))
		}
	}
	return nil
}
