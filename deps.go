//go:build tools

package crossmeet

import (
	_ "github.com/arran4/golang-ical"
	_ "github.com/stretchr/testify/require"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/unicode/norm"
	_ "gonum.org/v1/gonum/optimize/convex/lp"
)
