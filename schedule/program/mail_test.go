package program_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
)

func TestLoadMailCoordinatorsLocked(t *testing.T) {
	y := fmt.Sprintf(minimalYAML, "S01") + `coordinators:
  se: {name: Sven Svensson, email: sven@example.se}
  NO: {name: Nora Nordmann, email: nora@example.no}
mail: {host: smtp.example.org, port: 587, from: invite@example.org, tls: starttls, username: invite, password_env: CROSSMEET_SMTP_PASSWORD}
locked:
  - {startup: S01, contact: C01, start: "2027-03-09 10:00"}
`
	prog, err := program.Load(withYAML(t, y))
	require.NoError(t, err)
	assert.Equal(t, map[string]schedule.Person{
		"SE": {Name: "Sven Svensson", Email: "sven@example.se"},
		"NO": {Name: "Nora Nordmann", Email: "nora@example.no"},
	}, prog.Coordinators)
	assert.Equal(t, schedule.Mail{Host: "smtp.example.org", Port: 587, From: "invite@example.org", TLS: "starttls",
		Username: "invite", PasswordEnv: "CROSSMEET_SMTP_PASSWORD"}, prog.Mail)
	require.Len(t, prog.Locked, 1)
	assert.Equal(t, "S01", prog.Locked[0].Startup)
	assert.True(t, prog.Locked[0].Start.Equal(time.Date(2027, 3, 9, 10, 0, 0, 0, prog.Zone)))
	assert.Equal(t, prog.Coordinators, prog.Directory().Coordinators)
}

func TestLoadMailErrors(t *testing.T) {
	tests := []struct {
		name, yaml, field string
	}{
		{"bad tls", "mail: {host: h, tls: ssl}\n", "mail.tls"},
		{"bad port", "mail: {host: h, port: 70000}\n", "mail.port"},
		{"bad from", "mail: {host: h, from: nobody}\n", "mail.from"},
		{"bad country", "coordinators:\n  SWE: {name: X, email: x@example.org}\n", "coordinators.SWE"},
		{"no address", "coordinators:\n  SE: {name: X}\n", "coordinators.SE.email"},
		{"bad lock", "locked:\n  - {startup: S01, contact: C01, start: tomorrow}\n", "locked[1]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := program.Load(withYAML(t, fmt.Sprintf(minimalYAML, "S01")+tc.yaml))
			require.Error(t, err)
			assert.True(t, errors.Is(err, schedule.ErrInvalid))
			assert.True(t, strings.Contains(err.Error(), tc.field), "%v does not name %s", err, tc.field)
		})
	}
}
