package engine

// StateEmergency is ALTER DATABASE … SET EMERGENCY's state: the database
// is read-only and only sysadmin may use it (useraccess.go).
const StateEmergency = "EMERGENCY"
