package main

// The e-mail tests send to a real SMTP server, Mailpit
// (github.com/axllent/mailpit), started on loopback with free ports, and
// read every message back through its HTTP API. Mailpit comes from
// CROSSMEET_MAILPIT, or is built by scripts/mailpit.sh; without it these
// tests fail, they never skip.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
)

var (
	mailpitOnce sync.Once
	mailpitBin  string
	mailpitErr  error
)

// mailpitBinary returns the Mailpit binary, building it once if needed.
func mailpitBinary(t *testing.T) string {
	t.Helper()
	mailpitOnce.Do(func() {
		if p := os.Getenv("CROSSMEET_MAILPIT"); p != "" {
			mailpitBin = p
			return
		}
		_, file, _, _ := runtime.Caller(0)
		script := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "mailpit.sh")
		var stderr bytes.Buffer
		cmd := exec.Command("bash", script)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			mailpitErr = fmt.Errorf("the e-mail tests need Mailpit: %s failed: %v\n%s", script, err, stderr.String())
			return
		}
		mailpitBin = strings.TrimSpace(string(out))
	})
	if mailpitErr != nil {
		t.Fatal(mailpitErr)
	}
	if _, err := os.Stat(mailpitBin); err != nil {
		t.Fatalf("the e-mail tests need Mailpit: %v (set CROSSMEET_MAILPIT or run scripts/mailpit.sh)", err)
	}
	return mailpitBin
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type mailpit struct {
	smtp int
	api  string
}

// startMailpit runs Mailpit on 127.0.0.1 until the test ends. It accepts
// any user name and password over plain SMTP, so the tests exercise
// authentication with tls: none.
func startMailpit(t *testing.T) *mailpit {
	t.Helper()
	bin := mailpitBinary(t)
	m := &mailpit{smtp: freePort(t)}
	web := freePort(t)
	m.api = fmt.Sprintf("http://127.0.0.1:%d/api/v1", web)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", m.smtp), "--listen", fmt.Sprintf("127.0.0.1:%d", web),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--max", "10000", "--quiet",
		"--database", filepath.Join(t.TempDir(), "mailpit.db"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(m.api + "/info")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("Mailpit did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type mpAddress struct{ Name, Address string }

type mpMessage struct {
	ID, MessageID, Subject string
	To                     []mpAddress
	Raw                    []byte
}

func (m *mailpit) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(m.api + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", path, body)
	return body
}

// messages returns every message Mailpit holds, oldest first, each with
// its raw source.
func (m *mailpit) messages(t *testing.T) []mpMessage {
	t.Helper()
	var list struct {
		Total    int
		Messages []mpMessage
	}
	require.NoError(t, json.Unmarshal(m.get(t, "/messages?limit=10000"), &list))
	require.Equal(t, list.Total, len(list.Messages))
	for i := range list.Messages {
		list.Messages[i].Raw = m.get(t, "/message/"+list.Messages[i].ID+"/raw")
	}
	for i, j := 0, len(list.Messages)-1; i < j; i, j = i+1, j-1 {
		list.Messages[i], list.Messages[j] = list.Messages[j], list.Messages[i]
	}
	return list.Messages
}

func (m *mailpit) count(t *testing.T) int {
	t.Helper()
	var list struct{ Total int }
	require.NoError(t, json.Unmarshal(m.get(t, "/messages?limit=1"), &list))
	return list.Total
}

func (m *mailpit) clear(t *testing.T) {
	t.Helper()
	req, err := http.NewRequest(http.MethodDelete, m.api+"/messages", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 0, m.count(t))
}

// mailProgram writes the demo programme into a folder with mail settings
// for the Mailpit at port.
func mailProgram(t *testing.T, port int) string {
	t.Helper()
	dir := t.TempDir()
	files := programtest.Demo(t)
	y := string(files["program.yaml"].Data) + fmt.Sprintf(`mail:
  host: 127.0.0.1
  port: %d
  from: invitations@example.org
  tls: none
  username: crossmeet
  password_env: CROSSMEET_TEST_SMTP_PASSWORD
`, port)
	files["program.yaml"].Data = []byte(y)
	for name, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, f.Data, 0o644))
	}
	return dir
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCLI(t, args...)
	require.Equal(t, 0, code, "crossmeet %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), stdout, stderr)
	return stdout
}
