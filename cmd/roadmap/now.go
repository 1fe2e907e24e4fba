package main

import (
	"os"
	"strconv"
	"time"
)

// nowForOutputs is the generation time stamped into outputs. With
// SOURCE_DATE_EPOCH set (reproducible builds), it is that instant, so the
// same inputs give byte-identical files.
func nowForOutputs() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now()
}
