package csvtable_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

var errBad = errors.New("bad value")

func Example() {
	in := "\ufeffstop_id,stop_name\r\na,\"Alpha, the first\"\r\nb,Beta\r\n"
	t, err := csvtable.Open(strings.NewReader(in), "stops.txt", csvtable.Options{ErrBadValue: errBad})
	if err != nil {
		panic(err)
	}
	if err := t.Require("stop_id", "stop_lat"); err != nil {
		fmt.Println(err)
	}
	for {
		ok, err := t.Next()
		if err != nil || !ok {
			break
		}
		fmt.Println(t.Line(), t.Get("stop_id"), t.Get("stop_name"))
	}
	fmt.Println(t.Errorf("stop_name", errBad, "want a shorter name"))
	// Output:
	// stops.txt:1: field stop_lat: header has no "stop_lat" column
	// 2 a Alpha, the first
	// 3 b Beta
	// stops.txt:3:2 (stop_name): want a shorter name: bad value
}
