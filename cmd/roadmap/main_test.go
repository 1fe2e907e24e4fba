package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// TestMain registers the real entry point as the "roadmap" command of
// the scripts in testdata/cli, as hugo does for its testscripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"roadmap": main})
}

// TestCLI runs testdata/cli/*.txtar: one file per behaviour, each with the
// commands, their expected output and exit status, and the files written.
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/cli",
		Setup: func(env *testscript.Env) error {
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("SEEDS", wd+"/../../seeds")
			env.Setenv("TESTDATA", wd+"/../../testdata")
			env.Setenv("SOURCE_DATE_EPOCH", "1644919200") // 2022-02-15
			return nil
		},
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"fill": fillCmd},
	})
}

// TestPatternsCompile compiles every pattern of the program that is
// compiled on first use (internal/lazyre): a bad one fails here, not in
// the middle of a user's command.
func TestPatternsCompile(t *testing.T) {
	n, err := lazyre.CompileAll()
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Errorf("only %d patterns registered", n)
	}
}
