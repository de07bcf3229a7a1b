package storage

import "encoding/binary"

// prefixLen is the length of the object-id prefix of every stored key.
const prefixLen = 4

// metaObject is the reserved object id under which storage keeps its own metadata.
const metaObject uint32 = 0

// maxObject is reserved so that every valid object has a successor prefix.
const maxObject uint32 = 0xFFFFFFFF

// appliedKey holds the applied ("redo") LSN as 8 big-endian bytes.
var appliedKey = append(objectPrefix(metaObject), "applied"...)

// ValidObject reports whether objectID may be used by callers.
func ValidObject(objectID uint32) bool {
	return objectID != metaObject && objectID != maxObject
}

// objectPrefix returns the 4-byte big-endian prefix of objectID.
func objectPrefix(objectID uint32) []byte {
	p := make([]byte, prefixLen, prefixLen+32)
	binary.BigEndian.PutUint32(p, objectID)
	return p
}

// AppendObjectKey appends the stored form of (objectID, key) to dst: the object
// prefix followed by key. The order of stored keys is (objectID, key).
func AppendObjectKey(dst []byte, objectID uint32, key []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, objectID)
	return append(dst, key...)
}

// rangeKeys returns the stored lower bound (inclusive) and upper bound (exclusive) of
// [lower, upper) in objectID; a nil upper maps to the next object's prefix.
func rangeKeys(objectID uint32, lower, upper []byte) (lo, hi []byte) {
	lo = AppendObjectKey(nil, objectID, lower)
	if upper == nil {
		hi = objectPrefix(objectID + 1)
	} else {
		hi = AppendObjectKey(nil, objectID, upper)
	}
	return lo, hi
}

// decodeObject returns the object id of a stored key.
func decodeObject(stored []byte) uint32 {
	return binary.BigEndian.Uint32(stored)
}
