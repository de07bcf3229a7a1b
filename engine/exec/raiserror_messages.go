package exec

// systemMessage is a row of SQL Server's sys.messages that RAISERROR(n, …)
// can raise by number: the text (printf-style, as RAISERROR formats it) and
// the severity a -1 argument stands for.
type systemMessage struct {
	severity uint8
	text     string
}

// systemMessages are the messages of SQL Server's own T-SQL procedures that
// mirrorsql also implements in T-SQL (engine/msdb_agent.sql raises the
// Agent's 142xx by number, as msdb's procedures do).
var systemMessages = map[int32]systemMessage{
	14234: {16, "The specified '%s' is invalid (valid values are returned by %s)."},
	14261: {16, "The specified %s ('%s') already exists."},
	14262: {16, "The specified %s ('%s') does not exist."},
	14269: {16, "Job '%s' is already targeted at server '%s'."},
	14294: {16, "Supply either %s or %s to identify the job."},
	22022: {16, "%s"},
}
