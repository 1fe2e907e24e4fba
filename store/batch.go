package store

import (
	"context"
	"database/sql"
	"sync"
)

// Group commit. A school's save is a small transaction, and with
// hundreds of schools saving at once the cost of one is mostly its BEGIN
// and COMMIT, taken one after another under SQLite's single write lock.
// batched hands such writes to one writer goroutine, which runs what has
// queued up (up to maxBatch) in one transaction, each write in a
// savepoint of its own: a write that fails is rolled back alone, and
// every caller gets its own result once the transaction is committed.

// maxBatch bounds the writes committed together.
const maxBatch = 128

type writeReq struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	done chan error
}

// batcher is the writer of a store, started with its first write.
type batcher struct {
	once sync.Once
	reqs chan *writeReq
	quit chan struct{}
	wg   sync.WaitGroup
}

// batched runs fn in a transaction shared with other writes queued at the
// same time, and returns its result once committed. fn must not keep
// the context it is given beyond its return: writes of a batch run with
// their callers' values but without their cancellation (SQLite rolls back
// the whole transaction of an interrupted statement); a write whose
// context is done before its turn is not run.
func (s *Store) batched(ctx context.Context, fn func(context.Context, *sql.Tx) error) error {
	s.batch.once.Do(func() {
		s.batch.reqs = make(chan *writeReq, 4*maxBatch)
		s.batch.quit = make(chan struct{})
		s.batch.wg.Add(1)
		go s.writer()
	})
	req := &writeReq{ctx: ctx, done: make(chan error, 1)}
	req.fn = func(tx *sql.Tx) error { return fn(context.WithoutCancel(ctx), tx) }
	select {
	case s.batch.reqs <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.batch.quit:
		return sql.ErrConnDone
	}
	return <-req.done
}

// writer runs the queued writes, batch by batch, until the store closes.
func (s *Store) writer() {
	defer s.batch.wg.Done()
	for {
		var first *writeReq
		select {
		case first = <-s.batch.reqs:
		case <-s.batch.quit:
			return
		}
		batch := []*writeReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-s.batch.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.runBatch(batch)
	}
}

// runBatch runs a batch in one transaction and answers every caller.
func (s *Store) runBatch(batch []*writeReq) {
	errs := make([]error, len(batch))
	err := s.withTx(context.Background(), func(tx *sql.Tx) error {
		r := s.run(tx)
		for i, req := range batch {
			if errs[i] = req.ctx.Err(); errs[i] != nil {
				continue
			}
			if _, err := r.ExecContext(context.Background(), `SAVEPOINT w`); err != nil {
				return err
			}
			// A write that deadlocked with another server's (PostgreSQL
			// chose it to fail) is rolled back alone and run again.
			for attempt := 1; ; attempt++ {
				if errs[i] = req.fn(tx); errs[i] == nil {
					break
				}
				if _, err := r.ExecContext(context.Background(), `ROLLBACK TO SAVEPOINT w`); err != nil {
					return err
				}
				if !retryable(errs[i]) || attempt == maxAttempts {
					break
				}
			}
			if _, err := r.ExecContext(context.Background(), `RELEASE SAVEPOINT w`); err != nil {
				return err
			}
		}
		return nil
	})
	for i, req := range batch {
		if err != nil && errs[i] == nil {
			errs[i] = err // the transaction failed: nothing of the batch is stored
		}
		req.done <- errs[i]
	}
}

// stopBatcher ends the writer (Close): queued writes are answered first.
func (s *Store) stopBatcher() {
	if s.batch.quit == nil {
		return
	}
	close(s.batch.quit)
	s.batch.wg.Wait()
	for {
		select {
		case r := <-s.batch.reqs:
			r.done <- sql.ErrConnDone
		default:
			return
		}
	}
}
