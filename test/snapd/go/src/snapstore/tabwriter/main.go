// Formats each text of a JSON array (stdin) with Go's text/tabwriter configured as snap's
// commands configure it (cmd/snap tabWriter: minwidth 5, tabwidth 3, padding 2, ' ', no flags) and
// prints the JSON array of results: the reference for lib/devices/tabwriter.ts.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"text/tabwriter"
)

func main() {
	var in []string
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	out := make([]string, len(in))
	for i, text := range in {
		var buf bytes.Buffer
		w := tabwriter.NewWriter(&buf, 5, 3, 2, ' ', 0)
		w.Write([]byte(text))
		w.Flush()
		out[i] = buf.String()
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
