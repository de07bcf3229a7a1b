package catalog

import "time"

// Synonym is CREATE SYNONYM schema.name FOR base: another name for a table,
// view, procedure or function, here or in another database. Base is the base
// object's name as sys.synonyms.base_object_name shows it: each given part
// in brackets ([db].[dbo].[t]); parts left out are resolved when the
// synonym is used (the synonym's database, schema dbo).
type Synonym struct {
	ID       int32     `json:"id"`
	Schema   string    `json:"schema"`
	Name     string    `json:"name"`
	Base     string    `json:"base"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}
