package main

import (
	"fmt"
	"os"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// loadPlan reads INPUT: a plan JSON written by `roadmap ingest`, or an
// original export read on the fly.
func loadPlan(path string) (*plan.Plan, error) {
	data, err := ingest.ReadSource(path) // bounded; refuses binary files from their first bytes
	if err != nil {
		return nil, ingest.Named(path, unwrapPathError(err))
	}
	return planFromBytes(path, data)
}

func planFromBytes(path string, data []byte) (*plan.Plan, error) {
	if plan.LooksLikeJSON(data) {
		p, err := plan.DecodeNamed(path, data) // validated; errors name path:line:col
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	t, err := ingest.Read(path, data)
	if err != nil {
		return nil, err
	}
	return normalize.Build(t, normalize.Options{})
}

// unwrapPathError drops the *PathError wrapper, whose path we print already.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		switch {
		case os.IsNotExist(pe.Err):
			return fmt.Errorf("файл не найден")
		case os.IsPermission(pe.Err):
			return fmt.Errorf("нет доступа к файлу")
		}
		return pe.Err
	}
	return err
}

// loadPlanProgress reads INPUT and, when a store is named, the latest
// answers up to the quarter ("" = all). It returns the quarter in its
// canonical form ("2022Q1").
func loadPlanProgress(cmd, input, db, quarter string) (*plan.Plan, *plan.Progress, string, error) {
	if quarter != "" {
		q, err := plan.ParseQuarter(quarter)
		if err != nil {
			return nil, nil, "", usagef("%s: --quarter: %v", cmd, err)
		}
		quarter = q.String()
	}
	p, err := loadPlan(input)
	if err != nil {
		return nil, nil, "", err
	}
	prog, err := loadProgress(db, p, quarter)
	if err != nil {
		return nil, nil, "", err
	}
	return p, prog, quarter, nil
}
