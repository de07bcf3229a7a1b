// Command mirrorsql is the mirrorsql server and its tools: serve runs an instance,
// demo runs principal, mirror and witness on loopback, sqlcmd runs T-SQL scripts.
//
// The command is thin: flags become a Config and library calls; signal handling and
// process exit live only here.
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// version is the product version reported by `mirrorsql version` and @@VERSION.
const version = "0.1.0"

func main() {
	if err := newApp().Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "mirrorsql:", err)
		os.Exit(exitCode(err))
	}
}

func newApp() *cli.App {
	return &cli.App{
		Name:  "mirrorsql",
		Usage: "a SQL Server-compatible server with database mirroring",
		Commands: []*cli.Command{
			serveCommand(),
			demoCommand(),
			sqlcmdCommand(),
			versionCommand(),
		},
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "mirrorsql %s\n", version)
			return nil
		},
	}
}

// exitCode maps an error to the process exit status; cli.ExitCoder errors choose their own.
func exitCode(err error) int {
	if ec, ok := err.(cli.ExitCoder); ok {
		return ec.ExitCode()
	}
	return 1
}
