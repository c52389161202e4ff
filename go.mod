module github.com/crossmeet/crossmeet

go 1.26.8

require (
	github.com/arran4/golang-ical v0.3.4
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/sys v0.49.0
	golang.org/x/text v0.44.0
	gonum.org/v1/gonum v0.17.0
)

require github.com/stretchr/testify v1.12.1 // indirect
