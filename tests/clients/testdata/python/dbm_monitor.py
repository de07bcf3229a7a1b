"""What a DBA's monitoring script does over pyodbc against a mirrored pair:
list the mirrored databases from sys.database_mirroring, refresh the
monitor table and read sp_dbmmonitorresults, then alert on what it sees.

Usage: dbm_monitor.py HOST PORT DATABASE (password in MIRRORSQL_PASSWORD,
driver in MIRRORSQL_ODBC_DRIVER). Prints only values that do not vary
between runs (no rates, queue sizes or times — their types instead).
"""
import datetime
import os
import sys

import pyodbc

host, port, database = sys.argv[1:4]
conn = pyodbc.connect("DRIVER=" + os.environ["MIRRORSQL_ODBC_DRIVER"] + ";SERVER=" + host + ";PORT=" + port +
                      ";UID=sa;PWD=" + os.environ["MIRRORSQL_PASSWORD"] + ";DATABASE=master;TDS_Version=7.4",
                      autocommit=True)
cur = conn.cursor()

cur.execute("""
SELECT d.name, m.mirroring_role_desc, m.mirroring_state_desc, m.mirroring_safety_level_desc,
       m.mirroring_witness_state_desc, m.mirroring_partner_instance,
       CASE WHEN m.mirroring_partner_name LIKE 'TCP://%' THEN 'TCP://…' END AS partner,
       m.mirroring_role_sequence, m.mirroring_failover_lsn
FROM sys.database_mirroring AS m JOIN sys.databases AS d ON d.database_id = m.database_id
WHERE m.mirroring_guid IS NOT NULL ORDER BY d.name""")
mirrored = cur.fetchall()
for r in mirrored:
    print("mirrored:", r.name, r.mirroring_role_desc, r.mirroring_state_desc, r.mirroring_safety_level_desc,
          r.mirroring_witness_state_desc, r.mirroring_partner_instance, r.partner,
          type(r.mirroring_role_sequence).__name__, type(r.mirroring_failover_lsn).__name__)

cur.execute("SELECT COUNT(*) FROM sys.database_mirroring WHERE mirroring_guid IS NULL")
print("not mirrored:", cur.fetchone()[0] > 0)

# The monitor procedures run in msdb (32045 elsewhere).
try:
    cur.execute("EXEC sp_dbmmonitorresults ?, 0, 0", database)
    print("from master: no error")
except pyodbc.Error as e:
    print("from master:", type(e).__name__, "32045" in e.args[1])

cur.execute("USE msdb")
cur.execute("EXEC sp_dbmmonitorupdate ?", database)
cur.execute("EXEC sp_dbmmonitorresults ?, 0, 1", database)
cols = [(d[0], d[1].__name__) for d in cur.description]
print("columns:", cols)
rows = cur.fetchall()
print("rows:", len(rows))
ROLE = {1: "principal", 2: "mirror"}
STATE = {0: "suspended", 1: "disconnected", 2: "synchronizing", 3: "pending failover", 4: "synchronized"}
for r in rows:
    print("status:", r.database_name, ROLE.get(r.role), STATE.get(r.mirroring_state), r.witness_status,
          isinstance(r.time_recorded, datetime.datetime))
    # The alert a monitoring job raises: not synchronized, or a send queue.
    healthy = r.mirroring_state == 4 and (r.unsent_log or 0) < 1024
    print("healthy:", healthy)

cur.execute("EXEC sp_dbmmonitorresults ?, 6, 0", database)
print("last 100 rows: at least", min(len(cur.fetchall()), 1))
conn.close()
print("done")
