package engine

import (
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// registerCertificates defines sys.certificates with SQL Server's columns in
// its order: the certificates of master (CREATE CERTIFICATE … WITH SUBJECT,
// FROM FILE), read by DBAs checking a mirroring setup — who owns each
// (principal_id: the AUTHORIZATION user of the certificate example's inbound
// stage, else dbo), whether it has a private key (one made here is encrypted
// by the database master key, MK; one loaded FROM FILE without its key has
// none, NA), its issuer, serial number, validity and SHA-1 thumbprint.
// sid and string_sid (a login made FROM CERTIFICATE) and attested_by are
// NULL: no login is mapped that way here. pvt_key_last_backup_date is NULL
// (BACKUP CERTIFICATE … WITH PRIVATE KEY is not recorded).
func registerCertificates() {
	bin := func(n int) types.Type { return types.Type{ID: types.VarBinary, Length: n} }
	char2 := types.Type{ID: types.Char, Length: 2}
	exec.RegisterView("sys.certificates", []exec.ViewColumn{col("name", tName), col("certificate_id", tInt), col("principal_id", tInt),
		col("pvt_key_encryption_type", char2), col("pvt_key_encryption_type_desc", tDesc), col("is_active_for_begin_dialog", tBit),
		col("issuer_name", types.NVarCharType(442)), col("cert_serial_number", types.NVarCharType(64)), col("sid", bin(85)),
		col("string_sid", tName), col("subject", types.NVarCharType(4000)), col("expiry_date", tDateTime), col("start_date", tDateTime),
		col("thumbprint", bin(32)), col("attested_by", types.NVarCharType(260)), col("pvt_key_last_backup_date", tDateTime)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			var users []*catalog.User
			if master := inst.Database("master"); master != nil {
				users = master.Catalog().Users
			}
			var out []exec.Row
			for _, c := range s.Server().ServerCatalog().Certificates {
				owner := int64(1) // dbo
				for _, u := range users {
					if c.Owner != "" && strings.EqualFold(u.Name, c.Owner) {
						owner = int64(u.ID)
					}
				}
				keyType, keyDesc := "NA", "NO_PRIVATE_KEY"
				if len(c.KeyPEM) > 0 {
					keyType, keyDesc = "MK", "ENCRYPTED_BY_MASTER_KEY"
				}
				issuer, serial, thumb, start := nullOf(types.NVarCharType(442)), nullOf(tName), nullOf(bin(32)), nullOf(tDateTime)
				if blk, _ := pem.Decode(c.CertPEM); blk != nil {
					sum := sha1.Sum(blk.Bytes)
					thumb = types.NewVarBinary(sum[:])
					if x, err := x509.ParseCertificate(blk.Bytes); err == nil {
						issuer, serial, start = nv(x.Issuer.CommonName), nv(serialText(x.SerialNumber.Bytes())), dtv(x.NotBefore)
					}
				}
				out = append(out, exec.Row{nv(c.Name), in(int64(c.ID)), in(owner), types.NewString(types.Char, keyType), nv(keyDesc),
					bt(true), issuer, serial, nullOf(bin(85)), nullOf(tName), nv(c.Subject), dtv(c.Expiry), start, thumb,
					nullOf(types.NVarCharType(260)), nullOf(tDateTime)})
			}
			return out, nil
		})
}

// serialText is cert_serial_number as SQL Server writes it: the serial's
// bytes in hex, separated by spaces.
func serialText(b []byte) string {
	parts := make([]string, len(b))
	for i := range b {
		parts[i] = hex.EncodeToString(b[i : i+1])
	}
	return strings.Join(parts, " ")
}
