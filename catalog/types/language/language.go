// Package language is SQL Server's table of session languages
// (sys.syslanguages): the names SET LANGUAGE and a login's default
// language accept, and what each one sets — the date order (SET
// DATEFORMAT), the first day of the week (SET DATEFIRST) and the .NET
// culture FORMAT and PARSE use without an explicit one.
package language

import "strings"

// Language is one row of sys.syslanguages.
type Language struct {
	ID         int    // langid
	Name       string // the official name, @@LANGUAGE
	Alias      string // the English alias SET LANGUAGE also accepts
	DateFormat string // dmy, mdy, ymd …
	DateFirst  int    // 1 = Monday … 7 = Sunday
	LCID       int
	MsgLangID  int    // the language of sys.messages' text
	Culture    string // .NET culture name
}

// All is sys.syslanguages in langid order (SQL Server 2019's 34 languages).
var All = []Language{
	{0, "us_english", "English", "mdy", 7, 1033, 1033, "en-US"},
	{1, "Deutsch", "German", "dmy", 1, 1031, 1031, "de-DE"},
	{2, "Français", "French", "dmy", 1, 1036, 1036, "fr-FR"},
	{3, "日本語", "Japanese", "ymd", 7, 1041, 1041, "ja-JP"},
	{4, "Dansk", "Danish", "dmy", 1, 1030, 1030, "da-DK"},
	{5, "Español", "Spanish", "dmy", 1, 3082, 3082, "es-ES"},
	{6, "Italiano", "Italian", "dmy", 1, 1040, 1040, "it-IT"},
	{7, "Nederlands", "Dutch", "dmy", 1, 1043, 1043, "nl-NL"},
	{8, "Norsk", "Norwegian", "dmy", 1, 2068, 2068, "nb-NO"},
	{9, "Português", "Portuguese", "dmy", 7, 2070, 2070, "pt-PT"},
	{10, "Suomi", "Finnish", "dmy", 1, 1035, 1035, "fi-FI"},
	{11, "Svenska", "Swedish", "ymd", 1, 1053, 1053, "sv-SE"},
	{12, "čeština", "Czech", "dmy", 1, 1029, 1029, "cs-CZ"},
	{13, "magyar", "Hungarian", "ymd", 1, 1038, 1038, "hu-HU"},
	{14, "polski", "Polish", "dmy", 1, 1045, 1045, "pl-PL"},
	{15, "română", "Romanian", "dmy", 1, 1048, 1048, "ro-RO"},
	{16, "hrvatski", "Croatian", "ymd", 1, 1050, 1050, "hr-HR"},
	{17, "slovenčina", "Slovak", "dmy", 1, 1051, 1051, "sk-SK"},
	{18, "slovenski", "Slovenian", "dmy", 1, 1060, 1060, "sl-SI"},
	{19, "ελληνικά", "Greek", "dmy", 1, 1032, 1032, "el-GR"},
	{20, "български", "Bulgarian", "ymd", 1, 1026, 1026, "bg-BG"},
	{21, "русский", "Russian", "dmy", 1, 1049, 1049, "ru-RU"},
	{22, "Türkçe", "Turkish", "dmy", 1, 1055, 1055, "tr-TR"},
	{23, "British", "British English", "dmy", 1, 2057, 1033, "en-GB"},
	{24, "eesti", "Estonian", "dmy", 1, 1061, 1061, "et-EE"},
	{25, "latviešu", "Latvian", "ymd", 1, 1062, 1062, "lv-LV"},
	{26, "lietuvių", "Lithuanian", "ymd", 1, 1063, 1063, "lt-LT"},
	{27, "Português (Brasil)", "Brazilian", "dmy", 7, 1046, 1046, "pt-BR"},
	{28, "繁體中文", "Traditional Chinese", "ymd", 7, 1028, 1028, "zh-TW"},
	{29, "한국어", "Korean", "ymd", 7, 1042, 1042, "ko-KR"},
	{30, "简体中文", "Simplified Chinese", "ymd", 7, 2052, 2052, "zh-CN"},
	{31, "Arabic", "Arabic", "dmy", 1, 1025, 1025, "ar-SA"},
	{32, "ไทย", "Thai", "dmy", 7, 1054, 1054, "th-TH"},
	{33, "norsk (bokmål)", "Bokmål", "dmy", 1, 1044, 1044, "nb-NO"},
}

// Default is us_english, the server's default language.
var Default = &All[0]

// Lookup finds a language by its name or alias, case-insensitively (SET
// LANGUAGE Deutsch and SET LANGUAGE german both name langid 1).
func Lookup(name string) (*Language, bool) {
	name = strings.TrimSpace(name)
	for i := range All {
		if strings.EqualFold(All[i].Name, name) || strings.EqualFold(All[i].Alias, name) {
			return &All[i], true
		}
	}
	return nil, false
}
