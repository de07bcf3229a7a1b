package engine

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// backupCodec reads BACKUP's COMPRESSION and ENCRYPTION options into h and
// returns the codec of its version-2 set (plain, compressed or encrypted).
// ENCRYPTION (ALGORITHM = AES_n, SERVER CERTIFICATE = name) wraps a random
// data key for the certificate in master; appending an encrypted set to an
// existing file is refused (3095) as SQL Server refuses it, and a certificate
// that is not there is 15151.
func (inst *Instance) backupCodec(st *ast.BackupStmt, h *backupHeader, appending bool) (*frameCodec, error) {
	var enc *ast.Option
	for _, o := range st.Options {
		if strings.EqualFold(o.Name, "ENCRYPTION") && o.Sub != nil {
			enc = o
		}
	}
	// Every set is framed, plain ones too: frames carry their lengths, so
	// a later BACKUP finds the end of the media by crossing them
	// (mediaHeaders) instead of reading every entry, and the previous
	// release reads framed sets (docs/compatibility.md).
	h.Version = backupVersionFramed
	if h.Compressed {
		h.Compression = compressZstd
	}
	if enc == nil {
		return newFrameCodec(h.Compressed, nil, nil)
	}
	if appending {
		return nil, &exec.Error{Number: 3095, Severity: 16, State: 1, Message: "The backup cannot be performed because 'ENCRYPTION' was requested after the media was formatted with an incompatible structure. To append to this media set, either omit 'ENCRYPTION' or specify 'FORMAT'."}
	}
	var alg, certName string
	for _, o := range enc.Sub {
		v := fileOptionText(o) // an identifier or a string
		switch strings.ToUpper(o.Name) {
		case "ALGORITHM":
			alg = strings.ToUpper(v)
		case "SERVER CERTIFICATE":
			certName = v
		case "SERVER ASYMMETRIC KEY":
			return nil, exec.ErrNotSupported.New("Backup encryption by an asymmetric key")
		}
	}
	n, ok := backupKeyLengths[alg]
	if !ok {
		return nil, exec.ErrNotSupported.New("Backup encryption algorithm '" + alg + "'")
	}
	c := inst.Server().Certificate(certName)
	if c == nil {
		return nil, errNoCertificate(certName)
	}
	thumb, cert, err := certThumbprint(c.CertPEM)
	if err != nil {
		return nil, err
	}
	key := make([]byte, n)
	prefix := make([]byte, 4)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if _, err := rand.Read(prefix); err != nil {
		return nil, err
	}
	wrapped, eph, err := wrapBackupKey(cert, key)
	if err != nil {
		return nil, err
	}
	h.Encryption = &backupEncryption{Algorithm: strings.ToLower(alg), EncryptorType: encryptorCert, Thumbprint: thumb,
		WrappedKey: wrapped, Ephemeral: eph, NoncePrefix: prefix}
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	return newFrameCodec(h.Compressed, aead, prefix)
}

// backupKeys opens an encrypted set with the certificate of master whose
// thumbprint it names and whose private key is here; otherwise SQL Server's
// 33111.
func (inst *Instance) backupKeys(enc *backupEncryption) ([]byte, error) {
	for _, c := range inst.Server().Certificates {
		thumb, _, err := certThumbprint(c.CertPEM)
		if err != nil || !bytes.Equal(thumb, enc.Thumbprint) || len(c.KeyPEM) == 0 {
			continue
		}
		if key, err := unwrapBackupKey(c.KeyPEM, enc); err == nil {
			return key, nil
		}
	}
	return nil, &exec.Error{Number: 33111, Severity: 16, State: 3, Message: "Cannot find server certificate with thumbprint '0x" + strings.ToUpper(hex.EncodeToString(enc.Thumbprint)) + "'."}
}
