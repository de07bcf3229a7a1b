package proto

// EndpointRole is the ROLE of a DATABASE_MIRRORING endpoint, numbered as
// sys.database_mirroring_endpoints.role (reference/mirroring.md §3.2).
type EndpointRole uint8

// Endpoint roles.
const (
	EndpointNone    EndpointRole = 0
	EndpointPartner EndpointRole = 1
	EndpointWitness EndpointRole = 2
	EndpointAll     EndpointRole = 3
	endpointLimit                = 4
)

// Role is a partner's mirroring role, numbered as sys.database_mirroring.mirroring_role
// (§3.1); RoleNone means "no role" (e.g. a witness speaking).
type Role uint8

// Roles.
const (
	RoleNone      Role = 0
	RolePrincipal Role = 1
	RoleMirror    Role = 2
	roleLimit          = 3
)

// State is a mirroring state, numbered as sys.database_mirroring.mirroring_state 0–4
// (§1.7). Partners report 0–4 only.
type State uint8

// Mirroring states.
const (
	StateSuspended       State = 0
	StateDisconnected    State = 1
	StateSynchronizing   State = 2
	StatePendingFailover State = 3
	StateSynchronized    State = 4
	stateLimit                 = 5
)

// Safety is a session's transaction safety, numbered as mirroring_safety_level (§3.1).
type Safety uint8

// Safety levels.
const (
	SafetyUnknown Safety = 0
	SafetyOff     Safety = 1
	SafetyFull    Safety = 2
	safetyLimit          = 3
)
