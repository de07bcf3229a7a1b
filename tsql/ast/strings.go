package ast

// String methods of the enumerations without SQL spelling, for dumps.

var frameUnitNames = [...]string{"?", "ROWS", "RANGE"}

func (k FrameUnit) String() string {
	if int(k) < len(frameUnitNames) {
		return frameUnitNames[k]
	}
	return "?"
}

var boundKindNames = [...]string{"?", "UnboundedPreceding", "Preceding", "CurrentRow", "Following", "UnboundedFollowing"}

func (k BoundKind) String() string {
	if int(k) < len(boundKindNames) {
		return boundKindNames[k]
	}
	return "?"
}

var mergeActionNames = [...]string{"?", "Update", "Delete", "Insert"}

func (k MergeAction) String() string {
	if int(k) < len(mergeActionNames) {
		return mergeActionNames[k]
	}
	return "?"
}

var mergeMatchNames = [...]string{"?", "Matched", "NotMatched", "NotMatchedBySource"}

func (k MergeMatch) String() string {
	if int(k) < len(mergeMatchNames) {
		return mergeMatchNames[k]
	}
	return "?"
}

var constraintKindNames = [...]string{"?", "PrimaryKey", "Unique", "Check", "ForeignKey", "Default"}

func (k ConstraintKind) String() string {
	if int(k) < len(constraintKindNames) {
		return constraintKindNames[k]
	}
	return "?"
}

var permissionKindNames = [...]string{"?", "GRANT", "REVOKE", "DENY"}

func (k PermissionKind) String() string {
	if int(k) < len(permissionKindNames) {
		return permissionKindNames[k]
	}
	return "?"
}

var setValueKindNames = [...]string{"?", "OnOff", "Word", "Expr"}

func (k SetValueKind) String() string {
	if int(k) < len(setValueKindNames) {
		return setValueKindNames[k]
	}
	return "?"
}

var tranKindNames = [...]string{"?", "Begin", "Commit", "Rollback", "Save"}

func (k TranKind) String() string {
	if int(k) < len(tranKindNames) {
		return tranKindNames[k]
	}
	return "?"
}

var nullKindNames = [...]string{"Unspecified", "Null", "NotNull"}

func (k NullKind) String() string {
	if int(k) < len(nullKindNames) {
		return nullKindNames[k]
	}
	return "?"
}

var clusterKindNames = [...]string{"Unspecified", "Clustered", "NonClustered"}

func (k ClusterKind) String() string {
	if int(k) < len(clusterKindNames) {
		return clusterKindNames[k]
	}
	return "?"
}

var refActionNames = [...]string{"Unspecified", "NoAction", "Cascade", "SetNull", "SetDefault"}

func (k RefAction) String() string {
	if int(k) < len(refActionNames) {
		return refActionNames[k]
	}
	return "?"
}

var createModeNames = [...]string{"Create", "Alter", "CreateOrAlter"}

func (k CreateMode) String() string {
	if int(k) < len(createModeNames) {
		return createModeNames[k]
	}
	return "?"
}

var terminationNames = [...]string{"None", "RollbackImmediate", "RollbackAfter", "NoWait"}

func (k Termination) String() string {
	if int(k) < len(terminationNames) {
		return terminationNames[k]
	}
	return "?"
}
