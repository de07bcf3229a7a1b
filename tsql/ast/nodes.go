package ast

// Interface markers and SQL methods; every node type is listed here once.

func (*Literal) exprNode()        {}
func (*NullLit) exprNode()        {}
func (*DefaultExpr) exprNode()    {}
func (*Variable) exprNode()       {}
func (*GlobalVar) exprNode()      {}
func (*ColumnRef) exprNode()      {}
func (*Star) exprNode()           {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*ParenExpr) exprNode()      {}
func (*FuncCall) exprNode()       {}
func (*CaseExpr) exprNode()       {}
func (*CastExpr) exprNode()       {}
func (*ConvertExpr) exprNode()    {}
func (*SubqueryExpr) exprNode()   {}
func (*ExistsExpr) exprNode()     {}
func (*InExpr) exprNode()         {}
func (*BetweenExpr) exprNode()    {}
func (*LikeExpr) exprNode()       {}
func (*IsNullExpr) exprNode()     {}
func (*DistinctExpr) exprNode()   {}
func (*QuantifiedExpr) exprNode() {}
func (*CollateExpr) exprNode()    {}
func (*GroupingSets) exprNode()   {}

func (*SelectStmt) stmtNode()            {}
func (*InsertStmt) stmtNode()            {}
func (*UpdateStmt) stmtNode()            {}
func (*DeleteStmt) stmtNode()            {}
func (*TruncateStmt) stmtNode()          {}
func (*MergeStmt) stmtNode()             {}
func (*CreateTableStmt) stmtNode()       {}
func (*AlterTableStmt) stmtNode()        {}
func (*DropTableStmt) stmtNode()         {}
func (*CreateIndexStmt) stmtNode()       {}
func (*DropIndexStmt) stmtNode()         {}
func (*CreateViewStmt) stmtNode()        {}
func (*CreateProcStmt) stmtNode()        {}
func (*DropStmt) stmtNode()              {}
func (*CreateSchemaStmt) stmtNode()      {}
func (*CreateDatabaseStmt) stmtNode()    {}
func (*DropDatabaseStmt) stmtNode()      {}
func (*AlterDatabaseStmt) stmtNode()     {}
func (*CreateEndpointStmt) stmtNode()    {}
func (*GrantStmt) stmtNode()             {}
func (*CreateLoginStmt) stmtNode()       {}
func (*CreateUserStmt) stmtNode()        {}
func (*CreateRoleStmt) stmtNode()        {}
func (*AlterIndexStmt) stmtNode()        {}
func (*AlterRoleStmt) stmtNode()         {}
func (*CreateMasterKeyStmt) stmtNode()   {}
func (*CreateCertificateStmt) stmtNode() {}
func (*BackupCertificateStmt) stmtNode() {}
func (*BackupStmt) stmtNode()            {}
func (*RestoreStmt) stmtNode()           {}
func (*CheckpointStmt) stmtNode()        {}
func (*DbccStmt) stmtNode()              {}
func (*KillStmt) stmtNode()              {}
func (*ShutdownStmt) stmtNode()          {}
func (*DeclareStmt) stmtNode()           {}
func (*SetVariableStmt) stmtNode()       {}
func (*SetOptionStmt) stmtNode()         {}
func (*IfStmt) stmtNode()                {}
func (*WhileStmt) stmtNode()             {}
func (*BreakStmt) stmtNode()             {}
func (*ContinueStmt) stmtNode()          {}
func (*BlockStmt) stmtNode()             {}
func (*TryCatchStmt) stmtNode()          {}
func (*ThrowStmt) stmtNode()             {}
func (*RaiserrorStmt) stmtNode()         {}
func (*PrintStmt) stmtNode()             {}
func (*ReturnStmt) stmtNode()            {}
func (*WaitforStmt) stmtNode()           {}
func (*ExecStmt) stmtNode()              {}
func (*UseStmt) stmtNode()               {}
func (*TransactionStmt) stmtNode()       {}
func (*GotoStmt) stmtNode()              {}
func (*LabelStmt) stmtNode()             {}

func (*TableName) tableNode()     {}
func (*DerivedTable) tableNode()  {}
func (*DMLTable) tableNode()      {}
func (*TableFunc) tableNode()     {}
func (*ValuesTable) tableNode()   {}
func (*VariableTable) tableNode() {}
func (*Join) tableNode()          {}
func (*ParenTable) tableNode()    {}

func (*SelectCore) queryNode() {}
func (*SetOp) queryNode()      {}
func (*ParenQuery) queryNode() {}

func (*AlterTableAdd) alterTableAction()         {}
func (*AlterTableDrop) alterTableAction()        {}
func (*AlterTableAlterColumn) alterTableAction() {}

func (*SetRecovery) databaseOption() {}
func (*SetPartner) databaseOption()  {}
func (*SetWitness) databaseOption()  {}
func (*SetDBState) databaseOption()  {}
func (*SetDBOption) databaseOption() {}
func (*ModifyName) databaseOption()  {}
func (*CollateDB) databaseOption()   {}

// SQL methods render canonical T-SQL (see Format).
func (x *Literal) SQL() string               { return Format(x) }
func (x *NullLit) SQL() string               { return Format(x) }
func (x *DefaultExpr) SQL() string           { return Format(x) }
func (x *Variable) SQL() string              { return Format(x) }
func (x *GlobalVar) SQL() string             { return Format(x) }
func (x *ColumnRef) SQL() string             { return Format(x) }
func (x *Star) SQL() string                  { return Format(x) }
func (x *UnaryExpr) SQL() string             { return Format(x) }
func (x *BinaryExpr) SQL() string            { return Format(x) }
func (x *ParenExpr) SQL() string             { return Format(x) }
func (x *FuncCall) SQL() string              { return Format(x) }
func (x *CaseExpr) SQL() string              { return Format(x) }
func (x *CastExpr) SQL() string              { return Format(x) }
func (x *ConvertExpr) SQL() string           { return Format(x) }
func (x *SubqueryExpr) SQL() string          { return Format(x) }
func (x *ExistsExpr) SQL() string            { return Format(x) }
func (x *InExpr) SQL() string                { return Format(x) }
func (x *BetweenExpr) SQL() string           { return Format(x) }
func (x *LikeExpr) SQL() string              { return Format(x) }
func (x *IsNullExpr) SQL() string            { return Format(x) }
func (x *DistinctExpr) SQL() string          { return Format(x) }
func (x *QuantifiedExpr) SQL() string        { return Format(x) }
func (x *CollateExpr) SQL() string           { return Format(x) }
func (x *SelectStmt) SQL() string            { return Format(x) }
func (x *InsertStmt) SQL() string            { return Format(x) }
func (x *UpdateStmt) SQL() string            { return Format(x) }
func (x *DeleteStmt) SQL() string            { return Format(x) }
func (x *TruncateStmt) SQL() string          { return Format(x) }
func (x *MergeStmt) SQL() string             { return Format(x) }
func (x *CreateTableStmt) SQL() string       { return Format(x) }
func (x *AlterTableStmt) SQL() string        { return Format(x) }
func (x *DropTableStmt) SQL() string         { return Format(x) }
func (x *CreateIndexStmt) SQL() string       { return Format(x) }
func (x *DropIndexStmt) SQL() string         { return Format(x) }
func (x *CreateViewStmt) SQL() string        { return Format(x) }
func (x *CreateProcStmt) SQL() string        { return Format(x) }
func (x *DropStmt) SQL() string              { return Format(x) }
func (x *CreateSchemaStmt) SQL() string      { return Format(x) }
func (x *CreateDatabaseStmt) SQL() string    { return Format(x) }
func (x *DropDatabaseStmt) SQL() string      { return Format(x) }
func (x *AlterDatabaseStmt) SQL() string     { return Format(x) }
func (x *CreateEndpointStmt) SQL() string    { return Format(x) }
func (x *GrantStmt) SQL() string             { return Format(x) }
func (x *CreateLoginStmt) SQL() string       { return Format(x) }
func (x *CreateUserStmt) SQL() string        { return Format(x) }
func (x *CreateRoleStmt) SQL() string        { return Format(x) }
func (x *AlterIndexStmt) SQL() string        { return Format(x) }
func (x *AlterRoleStmt) SQL() string         { return Format(x) }
func (x *CreateMasterKeyStmt) SQL() string   { return Format(x) }
func (x *CreateCertificateStmt) SQL() string { return Format(x) }
func (x *BackupCertificateStmt) SQL() string { return Format(x) }
func (x *BackupStmt) SQL() string            { return Format(x) }
func (x *RestoreStmt) SQL() string           { return Format(x) }
func (x *CheckpointStmt) SQL() string        { return Format(x) }
func (x *DbccStmt) SQL() string              { return Format(x) }
func (x *KillStmt) SQL() string              { return Format(x) }
func (x *ShutdownStmt) SQL() string          { return Format(x) }
func (x *DeclareStmt) SQL() string           { return Format(x) }
func (x *SetVariableStmt) SQL() string       { return Format(x) }
func (x *SetOptionStmt) SQL() string         { return Format(x) }
func (x *IfStmt) SQL() string                { return Format(x) }
func (x *WhileStmt) SQL() string             { return Format(x) }
func (x *BreakStmt) SQL() string             { return Format(x) }
func (x *ContinueStmt) SQL() string          { return Format(x) }
func (x *BlockStmt) SQL() string             { return Format(x) }
func (x *TryCatchStmt) SQL() string          { return Format(x) }
func (x *ThrowStmt) SQL() string             { return Format(x) }
func (x *RaiserrorStmt) SQL() string         { return Format(x) }
func (x *PrintStmt) SQL() string             { return Format(x) }
func (x *ReturnStmt) SQL() string            { return Format(x) }
func (x *WaitforStmt) SQL() string           { return Format(x) }
func (x *ExecStmt) SQL() string              { return Format(x) }
func (x *UseStmt) SQL() string               { return Format(x) }
func (x *TransactionStmt) SQL() string       { return Format(x) }
func (x *GotoStmt) SQL() string              { return Format(x) }
func (x *LabelStmt) SQL() string             { return Format(x) }
func (x *TableName) SQL() string             { return Format(x) }
func (x *DerivedTable) SQL() string          { return Format(x) }
func (x *DMLTable) SQL() string              { return Format(x) }
func (x *TableFunc) SQL() string             { return Format(x) }
func (x *JSONColumn) SQL() string            { return Format(x) }
func (x *GroupingSets) SQL() string          { return Format(x) }
func (x *GroupingSet) SQL() string           { return Format(x) }
func (x *ValuesTable) SQL() string           { return Format(x) }
func (x *VariableTable) SQL() string         { return Format(x) }
func (x *Join) SQL() string                  { return Format(x) }
func (x *ParenTable) SQL() string            { return Format(x) }
func (x *SelectCore) SQL() string            { return Format(x) }
func (x *SetOp) SQL() string                 { return Format(x) }
func (x *ParenQuery) SQL() string            { return Format(x) }
func (x *AlterTableAdd) SQL() string         { return Format(x) }
func (x *AlterTableDrop) SQL() string        { return Format(x) }
func (x *AlterTableAlterColumn) SQL() string { return Format(x) }
func (x *SetRecovery) SQL() string           { return Format(x) }
func (x *SetPartner) SQL() string            { return Format(x) }
func (x *SetWitness) SQL() string            { return Format(x) }
func (x *SetDBState) SQL() string            { return Format(x) }
func (x *SetDBOption) SQL() string           { return Format(x) }
func (x *ModifyName) SQL() string            { return Format(x) }
func (x *CollateDB) SQL() string             { return Format(x) }
func (x *Ident) SQL() string                 { return Format(x) }
func (x *Name) SQL() string                  { return Format(x) }
func (x *Option) SQL() string                { return Format(x) }
func (x *OverClause) SQL() string            { return Format(x) }
func (x *WindowDef) SQL() string             { return Format(x) }
func (x *WindowFrame) SQL() string           { return Format(x) }
func (x *FrameBound) SQL() string            { return Format(x) }
func (x *When) SQL() string                  { return Format(x) }
func (x *DataType) SQL() string              { return Format(x) }
func (x *Query) SQL() string                 { return Format(x) }
func (x *WithClause) SQL() string            { return Format(x) }
func (x *CTE) SQL() string                   { return Format(x) }
func (x *Top) SQL() string                   { return Format(x) }
func (x *SelectItem) SQL() string            { return Format(x) }
func (x *OrderItem) SQL() string             { return Format(x) }
func (x *OutputClause) SQL() string          { return Format(x) }
func (x *SetClause) SQL() string             { return Format(x) }
func (x *MergeWhen) SQL() string             { return Format(x) }
func (x *Identity) SQL() string              { return Format(x) }
func (x *ColumnDef) SQL() string             { return Format(x) }
func (x *Constraint) SQL() string            { return Format(x) }
func (x *DropItem) SQL() string              { return Format(x) }
func (x *DropIndexItem) SQL() string         { return Format(x) }
func (x *ProcParam) SQL() string             { return Format(x) }
func (x *FileSpec) SQL() string              { return Format(x) }
func (x *Device) SQL() string                { return Format(x) }
func (x *Move) SQL() string                  { return Format(x) }
func (x *VarDecl) SQL() string               { return Format(x) }
func (x *ExecArg) SQL() string               { return Format(x) }
func (x *ResultSets) SQL() string            { return Format(x) }
func (x *ResultSetDef) SQL() string          { return Format(x) }
func (x *CursorRef) SQL() string             { return Format(x) }
func (x *DeclareCursorStmt) SQL() string     { return Format(x) }
func (x *OpenStmt) SQL() string              { return Format(x) }
func (x *FetchStmt) SQL() string             { return Format(x) }
func (x *CloseStmt) SQL() string             { return Format(x) }
func (x *DeallocateStmt) SQL() string        { return Format(x) }

func (*DeclareCursorStmt) stmtNode() {}
func (*OpenStmt) stmtNode()          {}
func (*FetchStmt) stmtNode()         {}
func (*CloseStmt) stmtNode()         {}
func (*DeallocateStmt) stmtNode()    {}

func (*ReconfigureStmt) stmtNode()         {}
func (*ExecuteAsStmt) stmtNode()           {}
func (*RevertStmt) stmtNode()              {}
func (*UpdateStatisticsStmt) stmtNode()    {}
func (*AlterTableCheck) alterTableAction() {}

func (x *ReconfigureStmt) SQL() string      { return Format(x) }
func (x *ExecuteAsStmt) SQL() string        { return Format(x) }
func (x *RevertStmt) SQL() string           { return Format(x) }
func (x *UpdateStatisticsStmt) SQL() string { return Format(x) }
func (x *AlterTableCheck) SQL() string      { return Format(x) }

func (*CreateFunctionStmt) stmtNode()     {}
func (x *CreateFunctionStmt) SQL() string { return Format(x) }

func (x *ForClause) SQL() string { return Format(x) }
