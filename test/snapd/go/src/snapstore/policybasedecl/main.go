// Prints snapd's own builtin base declaration (as snapd 2.57 composes it from interfaces/builtin)
// as one JSON document: for every interface its summary, whether snapd adds an implicit slot on
// classic / Core systems, and its plug and slot rules exactly as the base-declaration headers hold
// them. test/snapd/policy-basedecl.test.ts compares lib/policy's data with it.
package main

import (
	"encoding/json"
	"os"
	"sort"

	"github.com/snapcore/snapd/asserts"
	"github.com/snapcore/snapd/interfaces"
	"github.com/snapcore/snapd/interfaces/builtin"
	_ "github.com/snapcore/snapd/interfaces/policy" // composes and installs the builtin base declaration
)

type ifaceOut struct {
	Name              string      `json:"name"`
	Summary           string      `json:"summary"`
	ImplicitOnCore    bool        `json:"implicitOnCore"`
	ImplicitOnClassic bool        `json:"implicitOnClassic"`
	Plugs             interface{} `json:"plugs,omitempty"`
	Slots             interface{} `json:"slots,omitempty"`
}

func main() {
	decl := asserts.BuiltinBaseDeclaration()
	headers := decl.Headers()
	plugs, _ := headers["plugs"].(map[string]interface{})
	slots, _ := headers["slots"].(map[string]interface{})
	var out []ifaceOut
	for _, iface := range builtin.Interfaces() {
		si := interfaces.StaticInfoOf(iface)
		out = append(out, ifaceOut{
			Name:              iface.Name(),
			Summary:           si.Summary,
			ImplicitOnCore:    si.ImplicitOnCore,
			ImplicitOnClassic: si.ImplicitOnClassic,
			Plugs:             plugs[iface.Name()],
			Slots:             slots[iface.Name()],
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
