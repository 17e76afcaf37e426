// yamlquote: for each string of the JSON array on stdin, whether snap's quotedIfNeeded
// (cmd/snap/cmd_info.go) would quote it, i.e. whether yaml.v2 fails on "s: "+raw.
package main

import (
	"encoding/json"
	"os"

	"gopkg.in/yaml.v2"
)

func main() {
	var in []string
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	out := make([]bool, len(in))
	for i, raw := range in {
		type T struct{ S string }
		out[i] = yaml.UnmarshalStrict([]byte("s: "+raw), &T{}) != nil
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
