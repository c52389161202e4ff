module github.com/crossmeet/crossmeet

go 1.26.8

require (
	github.com/arran4/golang-ical v0.3.4
	github.com/stretchr/testify v1.12.1
	github.com/wneessen/go-mail v0.8.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.44.0
	gonum.org/v1/gonum v0.17.0
)

require golang.org/x/crypto v0.54.0 // indirect
