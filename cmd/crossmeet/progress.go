package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// isTerminal reports whether w is an interactive terminal: a character
// device that is not the null device (os.DevNull is a character device
// too), with TERM not "dumb". It needs no terminal library; a test
// replaces it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

// A progress line is one line on stderr that says what the command is
// doing and for how long, rewritten in place a few times a second and
// cleared when the work ends. It is written only when stderr is a
// terminal, so logs and pipes never see it. A nil *progress does
// nothing.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	msg   string
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

// progressEvery is how often the line is rewritten.
const progressEvery = 200 * time.Millisecond

// startProgress shows msg on w, or returns nil when w is no terminal.
func startProgress(w io.Writer, msg string) *progress {
	if !isTerminal(w) {
		return nil
	}
	p := &progress{w: w, start: time.Now(), msg: msg, stop: make(chan struct{}), done: make(chan struct{})}
	p.draw()
	go func() {
		defer close(p.done)
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
	return p
}

// set changes what the line says.
func (p *progress) set(msg string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.msg = msg
	p.mu.Unlock()
	p.draw()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	// \r returns to the line's start, ESC[K clears what a longer line left.
	fmt.Fprintf(p.w, "\r%s … %.1f s\x1b[K", p.msg, time.Since(p.start).Seconds())
}

// end clears the line; the command's own output follows on a clean
// line. Calling it again does nothing.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		<-p.done
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprint(p.w, "\r\x1b[K")
	})
}

// writer returns w, or when the line is shown a writer that clears the
// line before each write to w, so a warning never lands in its middle;
// the next tick draws the line again under it.
func (p *progress) writer(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return clearing{p, w}
}

type clearing struct {
	p *progress
	w io.Writer
}

func (c clearing) Write(b []byte) (int, error) {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	fmt.Fprint(c.w, "\r\x1b[K")
	return c.w.Write(b)
}
