package program

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// program.yaml is read as a yaml.Node tree, so that every key and value
// keeps its line and column, and checked against shape, the keys
// program.yaml takes (docs/design.md): an unknown key, a list where a single
// value belongs, an anchor or a second document is a located error.

// A shape is what one node of program.yaml may be.
type shape struct {
	kind   yaml.Kind
	keys   map[string]*shape // of a mapping
	anyKey *shape            // of a mapping whose keys are data (country codes): each value's shape
	item   *shape            // of a sequence
}

var (
	scalar   = &shape{kind: yaml.ScalarNode}
	scalars  = &shape{kind: yaml.SequenceNode, item: scalar}
	mapping  = func(keys map[string]*shape) *shape { return &shape{kind: yaml.MappingNode, keys: keys} }
	listOf   = func(item *shape) *shape { return &shape{kind: yaml.SequenceNode, item: item} }
	mapOf    = func(value *shape) *shape { return &shape{kind: yaml.MappingNode, anyKey: value} }
	person   = mapping(map[string]*shape{"name": scalar, "email": scalar})
	tripKeys = mapping(map[string]*shape{
		"id": scalar, "startups": scalars, "from": scalar, "to": scalar, "dates": scalars,
		"overnight": scalar, "leave_after": scalar, "back_by": scalar,
	})
	programShape = mapping(map[string]*shape{
		"name":         scalar,
		"timezone":     scalar,
		"coordinator":  person,
		"coordinators": mapOf(person),
		"mail": mapping(map[string]*shape{
			"host": scalar, "port": scalar, "from": scalar, "tls": scalar, "username": scalar, "password_env": scalar,
		}),
		"locked": listOf(mapping(map[string]*shape{"startup": scalar, "contact": scalar, "start": scalar})),
		"meetings": mapping(map[string]*shape{
			"duration": scalar, "buffer": scalar, "day": scalar, "lunch": scalar,
			"per_startup": mapping(map[string]*shape{"min": scalar, "max": scalar}),
		}),
		"travel": mapping(map[string]*shape{
			"modes": scalars, "car": scalar, "keep_score": scalar,
			"car_seats": scalar, "night_gain": scalar, "hotel_co2_kg": scalar,
		}),
		"matching": mapping(map[string]*shape{
			"cross_border": scalar, "capacity": scalar, "fair": scalar, "forbid": scalars, "pin": scalars,
			"min_score": scalar, "synonyms": listOf(scalars), "languages": listOf(scalars),
			"weights": mapping(map[string]*shape{
				"person": scalar, "org": scalar, "role": scalar, "tag": scalar, "text": scalar, "decay": scalar,
				"similarity": scalar, "language": scalar, "role_alone": scalar, "org_alone": scalar,
			}),
		}),
		"trips": listOf(tripKeys),
		"trips_auto": mapping(map[string]*shape{
			"season": scalar, "max_startups": scalar, "same_region": scalar, "overnight": scalar,
		}),
	})
)

// what names a node's kind for a person.
func what(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("the value %s", quote(n.Value))
}

func want(s *shape) string {
	switch s.kind {
	case yaml.SequenceNode:
		return "a list, such as [a, b] or lines starting with -"
	case yaml.MappingNode:
		return "keys, such as name: value on the lines below"
	}
	return "a single value"
}

// isNull reports whether n is YAML's null: an empty value or ~.
func isNull(n *yaml.Node) bool { return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// parseTree parses program.yaml into its document's root mapping; every
// problem goes to pr. It returns nil when the tree is unusable.
func parseTree(data []byte, pr *problems) *yaml.Node {
	if !utf8.Valid(data) {
		line, col := position(data, invalidUTF8(data))
		pr.add(yamlFile, line, col, "", "the file is not UTF-8; save it as UTF-8")
		return nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		pr.add(yamlFile, line, col, "", "the file holds a NUL byte")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			pr.add(yamlFile, 0, 0, "", "the file is empty; it needs at least name and trips")
		} else {
			line, msg := syntaxError(err)
			pr.add(yamlFile, line, 0, "", "%s", msg)
		}
		return nil
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		line := second.Line
		if err != nil {
			line, _ = syntaxError(err)
		}
		pr.add(yamlFile, line, 0, "", "a second YAML document (after ---); program.yaml holds one")
		return nil
	}
	if len(doc.Content) != 1 {
		pr.add(yamlFile, 0, 0, "", "the file is empty; it needs at least name and trips")
		return nil
	}
	root := doc.Content[0]
	if isNull(root) {
		pr.add(yamlFile, root.Line, root.Column, "", "the file is empty; it needs at least name and trips")
		return nil
	}
	n := len(pr.list)
	checkShape(root, programShape, "", pr)
	if len(pr.list) > n && root.Kind != yaml.MappingNode {
		return nil
	}
	return root
}

// syntaxError takes the line from a yaml.v3 syntax error, the one
// place where the library gives a position only in its message
// ("yaml: line 3: mapping values are not allowed in this context").
func syntaxError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		num, text, ok := strings.Cut(rest, ":")
		if n, err := strconv.Atoi(num); err == nil && ok {
			return n, "YAML syntax: " + strings.TrimSpace(text)
		}
	}
	return 0, "YAML syntax: " + msg
}

// checkShape walks n against s and reports every node that does not fit.
func checkShape(n *yaml.Node, s *shape, field string, pr *problems) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		pr.add(yamlFile, n.Line, n.Column, field, "anchors and aliases (&name, *name) are not supported in program.yaml; write the value out")
		return
	}
	if isNull(n) && s.kind != yaml.ScalarNode {
		return // an empty section is as if absent
	}
	if n.Kind != s.kind {
		pr.add(yamlFile, n.Line, n.Column, field, "want %s, got %s", want(s), what(n))
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "":
		default:
			pr.add(yamlFile, n.Line, n.Column, field, "the tag %s is not supported; write a plain value", n.Tag)
		}
		if len(n.Value) > MaxScalar {
			pr.add(yamlFile, n.Line, n.Column, field, "the value is %d bytes long, more than the limit of %d", len(n.Value), MaxScalar)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			checkShape(c, s.item, fmt.Sprintf("%s[%d]", field, i+1), pr)
		}
	case yaml.MappingNode:
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := k.Value
			full := key
			if field != "" {
				full = field + "." + key
			}
			if k.Kind != yaml.ScalarNode {
				pr.add(yamlFile, k.Line, k.Column, field, "want a key name, got %s", what(k))
				continue
			}
			if key == "<<" {
				pr.add(yamlFile, k.Line, k.Column, full, "merge keys (<<) are not supported in program.yaml")
				continue
			}
			if line, dup := seen[key]; dup {
				pr.add(yamlFile, k.Line, k.Column, full, "key %s is given twice (first on line %d)", quote(key), line)
				continue
			}
			seen[key] = k.Line
			sub, ok := s.keys[key]
			if s.anyKey != nil {
				sub, ok = s.anyKey, true
			}
			if !ok {
				names := make([]string, 0, len(s.keys))
				for name := range s.keys {
					names = append(names, name)
				}
				pr.add(yamlFile, k.Line, k.Column, full, "unknown key %s%s; %s takes %s (see docs/design.md)", quote(key), didYouMean(key, names), section(field), keyList(s))
				continue
			}
			checkShape(v, sub, full, pr)
		}
	}
}

func section(field string) string {
	if field == "" {
		return "program.yaml"
	}
	return field
}

func keyList(s *shape) string {
	keys := make([]string, 0, len(s.keys))
	for k := range s.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// get returns the value of key in mapping n, nil when absent or null.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			if v := n.Content[i+1]; !isNull(v) {
				return v
			}
			return nil
		}
	}
	return nil
}

// keyNode returns the key node of key in mapping n, for locating a
// problem with a whole section.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// items returns the items of a sequence node, nil for anything else.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// text returns a scalar's value, trimmed; "" for anything else.
func text(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func position(data []byte, off int) (line, col int) {
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// quote quotes s for a message, escaping control characters, and cuts a
// long value short.
func quote(s string) string {
	if len(s) > 80 {
		cut := 80
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
