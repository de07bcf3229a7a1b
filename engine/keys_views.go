package engine

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.asymmetric_keys, sys.symmetric_keys and sys.credentials: the
// instance keeps no asymmetric or symmetric keys (the database master key
// and certificates are in sys.certificates) and no credentials (there is no
// BACKUP TO URL), so these are empty, with SQL Server's columns — backup
// scripts look a key or credential up by name before BACKUP … WITH
// ENCRYPTION or TO URL.
func init() {
	bin := func(n int) types.Type { return types.Type{ID: types.VarBinary, Length: n} }
	variant := types.Type{ID: types.SQLVariant}
	empty := func(*exec.Session, exec.Database) ([]exec.Row, error) { return nil, nil }
	exec.RegisterView("sys.asymmetric_keys", []exec.ViewColumn{col("name", tName), col("principal_id", tInt),
		col("asymmetric_key_id", tInt), col("pvt_key_encryption_type", types.Type{ID: types.Char, Length: 2}),
		col("pvt_key_encryption_type_desc", tDesc), col("thumbprint", bin(32)), col("algorithm", types.Type{ID: types.Char, Length: 2}),
		col("algorithm_desc", tDesc), col("key_length", tInt), col("sid", bin(85)), col("string_sid", tName),
		col("public_key", bin(types.MaxLength)), col("attested_by", types.NVarCharType(260)), col("provider_type", tDesc),
		col("cryptographic_provider_guid", tGUID), col("cryptographic_provider_algid", variant)}, empty)
	exec.RegisterView("sys.symmetric_keys", []exec.ViewColumn{col("name", tName), col("principal_id", tInt),
		col("symmetric_key_id", tInt), col("key_length", tInt), col("key_algorithm", types.Type{ID: types.Char, Length: 2}),
		col("algorithm_desc", tDesc), col("create_date", tDateTime), col("modify_date", tDateTime), col("key_guid", tGUID),
		col("key_thumbprint", bin(32)), col("provider_type", tDesc), col("cryptographic_provider_guid", tGUID),
		col("cryptographic_provider_algid", variant)}, empty)
	exec.RegisterView("sys.credentials", []exec.ViewColumn{col("credential_id", tInt), col("name", tName),
		col("credential_identity", types.NVarCharType(4000)), col("create_date", tDateTime), col("modify_date", tDateTime),
		col("target_type", types.NVarCharType(100)), col("target_id", tInt)}, empty)
}
