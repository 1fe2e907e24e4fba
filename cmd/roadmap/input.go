package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// loadPlan reads INPUT: a plan JSON written by `roadmap ingest`, or an
// original export read on the fly.
func loadPlan(path string) (*plan.Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return planFromBytes(path, data)
}

func planFromBytes(path string, data []byte) (*plan.Plan, error) {
	if plan.LooksLikeJSON(data) {
		p, err := plan.Read(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
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
