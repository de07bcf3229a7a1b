-- A FOREIGN KEY whose cascading action (CASCADE, SET NULL, SET DEFAULT)
-- would reach a table by two paths, or come back in a cycle, is refused
-- with 1785 and 1750, as SQL Server refuses it: it does not look at the
-- rows. A self-referencing hierarchy with ON DELETE CASCADE is the common
-- case (here it recursed once per level of the hierarchy).
CREATE TABLE dbo.Emp (id int PRIMARY KEY, mgr int NULL CONSTRAINT FK_Emp_Mgr REFERENCES dbo.Emp (id) ON DELETE CASCADE)
-- error: 1785 Introducing FOREIGN KEY constraint 'FK_Emp_Mgr' on table 'Emp' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
SELECT OBJECT_ID('dbo.Emp') AS emp
-- expect: emp
-- NULL
GO
-- Without the action the key is fine.
CREATE TABLE dbo.Emp (id int PRIMARY KEY, mgr int NULL CONSTRAINT FK_Emp_Mgr REFERENCES dbo.Emp (id))
GO
ALTER TABLE dbo.Emp ADD CONSTRAINT FK_Emp_Mgr2 FOREIGN KEY (mgr) REFERENCES dbo.Emp (id) ON UPDATE SET NULL
-- error: 1785 Introducing FOREIGN KEY constraint 'FK_Emp_Mgr2' on table 'Emp' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
-- Two cascading keys from one child to one parent: two paths.
CREATE TABLE dbo.Acct (id int PRIMARY KEY)
CREATE TABLE dbo.Xfer (id int PRIMARY KEY,
  src int CONSTRAINT FK_Xfer_Src REFERENCES dbo.Acct (id) ON DELETE CASCADE,
  dst int CONSTRAINT FK_Xfer_Dst REFERENCES dbo.Acct (id) ON DELETE CASCADE)
-- error: 1785 Introducing FOREIGN KEY constraint 'FK_Xfer_Dst' on table 'Xfer' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
-- One cascading on DELETE, the other on UPDATE: each event has one path.
CREATE TABLE dbo.Xfer (id int PRIMARY KEY,
  src int CONSTRAINT FK_Xfer_Src REFERENCES dbo.Acct (id) ON DELETE CASCADE,
  dst int CONSTRAINT FK_Xfer_Dst REFERENCES dbo.Acct (id) ON UPDATE CASCADE)
GO
-- A diamond: Customers cascades to Orders and Lines, Orders to Lines.
CREATE TABLE dbo.Customers (id int PRIMARY KEY)
CREATE TABLE dbo.Orders (id int PRIMARY KEY, cust int REFERENCES dbo.Customers (id) ON DELETE CASCADE)
CREATE TABLE dbo.Lines (id int PRIMARY KEY, ord int CONSTRAINT FK_Lines_Orders REFERENCES dbo.Orders (id) ON DELETE CASCADE, cust int)
GO
ALTER TABLE dbo.Lines ADD CONSTRAINT FK_Lines_Customers FOREIGN KEY (cust) REFERENCES dbo.Customers (id) ON DELETE SET NULL
-- error: 1785 Introducing FOREIGN KEY constraint 'FK_Lines_Customers' on table 'Lines' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
ALTER TABLE dbo.Lines ADD CONSTRAINT FK_Lines_Customers FOREIGN KEY (cust) REFERENCES dbo.Customers (id)
GO
-- A cycle through two tables.
CREATE TABLE dbo.Dept (id int PRIMARY KEY, head int)
CREATE TABLE dbo.Staff (id int PRIMARY KEY, dept int REFERENCES dbo.Dept (id) ON DELETE CASCADE)
GO
ALTER TABLE dbo.Dept ADD CONSTRAINT FK_Dept_Head FOREIGN KEY (head) REFERENCES dbo.Staff (id) ON DELETE CASCADE
-- error: 1785 Introducing FOREIGN KEY constraint 'FK_Dept_Head' on table 'Dept' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
SELECT name, delete_referential_action_desc AS on_delete, update_referential_action_desc AS on_update FROM sys.foreign_keys WHERE name NOT LIKE 'FK[_][_]%' ORDER BY name
-- expect: name | on_delete | on_update
-- FK_Emp_Mgr | NO_ACTION | NO_ACTION
-- FK_Lines_Customers | NO_ACTION | NO_ACTION
-- FK_Lines_Orders | CASCADE | NO_ACTION
-- FK_Xfer_Dst | NO_ACTION | CASCADE
-- FK_Xfer_Src | CASCADE | NO_ACTION
GO
