// Answers interface policy questions with snapd 2.57's own code, for the differential tests in
// test/snapd/policy*.test.ts. Reads one JSON case per line on stdin, writes one JSON answer per
// line on stdout.
//
// A case names snaps by their snap.yaml (read by snap.InfoFromSnapYaml with builtin's sanitizer,
// so snapd's attribute defaulting and its dropping of bad plugs and slots apply) and by an
// optional snap-declaration (plugs/slots rules as JSON), which is signed by a test store key,
// encoded and decoded again, so it goes through snapd's assertion format and rule compiler. The
// device (classic or Core, OS id, model, store) is set the way snapd reads it. Then:
//   install:      policy.InstallCandidate{…}.Check()
//   connect:      policy.ConnectCandidate{…}.Check()
//   auto-connect: policy.ConnectCandidate{…}.CheckAutoConnect()
// against asserts.BuiltinBaseDeclaration() (composed by interfaces/policy from builtin).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/snapcore/snapd/asserts"
	"github.com/snapcore/snapd/asserts/assertstest"
	"github.com/snapcore/snapd/interfaces"
	"github.com/snapcore/snapd/interfaces/builtin"
	"github.com/snapcore/snapd/interfaces/policy"
	"github.com/snapcore/snapd/release"
	apparmor_sandbox "github.com/snapcore/snapd/sandbox/apparmor"
	"github.com/snapcore/snapd/snap"
)

type snapCase struct {
	Yaml        string                 `json:"yaml"`
	Declaration map[string]interface{} `json:"declaration"`
	SnapID      string                 `json:"snapId"`
	PublisherID string                 `json:"publisherId"`
}

type testCase struct {
	ID             string    `json:"id"`
	Op             string    `json:"op"`
	Classic        bool      `json:"classic"`
	OsID           string    `json:"osId"`
	Brand          string    `json:"brand"`
	Model          string    `json:"model"`
	Store          string    `json:"store"`
	FriendlyStores []string  `json:"friendlyStores"`
	Snap           *snapCase `json:"snap"`
	PlugSnap       *snapCase `json:"plugSnap"`
	Plug           string    `json:"plug"`
	SlotSnap       *snapCase `json:"slotSnap"`
	Slot           string    `json:"slot"`
}

type answer struct {
	ID           string            `json:"id"`
	Allowed      bool              `json:"allowed"`
	Error        string            `json:"error,omitempty"`
	SlotsPerPlug string            `json:"slotsPerPlug,omitempty"`
	Bad          map[string]string `json:"bad,omitempty"`
	Invalid      string            `json:"invalid,omitempty"`
}

var (
	storeStack = assertstest.NewStoreStack("canonical", nil)
	brandKey, _ = assertstest.GenerateKey(752)
)

// toHeaders turns JSON values into assertion header values: strings, lists and maps only.
func toHeaders(v interface{}) interface{} {
	switch x := v.(type) {
	case bool:
		if x {
			return "true"
		}
		return "false"
	case json.Number:
		return x.String()
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, e := range x {
			out[i] = toHeaders(e)
		}
		return out
	case map[string]interface{}:
		out := make(map[string]interface{}, len(x))
		for k, e := range x {
			if e == nil {
				continue
			}
			out[k] = toHeaders(e)
		}
		return out
	}
	return v
}

func declaration(s *snapCase, name string) (*asserts.SnapDeclaration, error) {
	if s.Declaration == nil {
		return nil, nil
	}
	headers := map[string]interface{}{
		"series":       "16",
		"snap-id":      s.SnapID,
		"publisher-id": s.PublisherID,
		"snap-name":    name,
		"timestamp":    time.Now().UTC().Format(time.RFC3339),
	}
	for k, v := range toHeaders(s.Declaration).(map[string]interface{}) {
		headers[k] = v
	}
	format, err := asserts.SuggestFormat(asserts.SnapDeclarationType, headers, nil)
	if err != nil {
		return nil, err
	}
	if format > 0 {
		headers["format"] = fmt.Sprint(format)
	}
	a, err := storeStack.Sign(asserts.SnapDeclarationType, headers, nil, "")
	if err != nil {
		return nil, err
	}
	// through the wire format, as a device receives it
	decoded, err := asserts.Decode(asserts.Encode(a))
	if err != nil {
		return nil, err
	}
	return decoded.(*asserts.SnapDeclaration), nil
}

func info(s *snapCase) (*snap.Info, error) {
	return snap.InfoFromSnapYaml([]byte(s.Yaml))
}

func device(c *testCase) (*asserts.Model, *asserts.Store, error) {
	release.OnClassic = c.Classic
	release.ReleaseInfo.ID = c.OsID
	if c.Brand == "" || c.Model == "" {
		return nil, nil, nil
	}
	headers := map[string]interface{}{
		"authority-id": c.Brand,
		"series":       "16",
		"brand-id":     c.Brand,
		"model":        c.Model,
		"timestamp":    time.Now().UTC().Format(time.RFC3339),
	}
	if c.Store != "" {
		headers["store"] = c.Store
	}
	if c.Classic {
		headers["classic"] = "true"
	} else {
		headers["architecture"] = "amd64"
		headers["gadget"] = "pc"
		headers["kernel"] = "pc-kernel"
	}
	m, err := assertstest.NewSigningDB(c.Brand, brandKey).Sign(asserts.ModelType, headers, nil, "")
	if err != nil {
		return nil, nil, err
	}
	if c.FriendlyStores == nil {
		return m.(*asserts.Model), nil, nil
	}
	friendly := make([]interface{}, len(c.FriendlyStores))
	for i, s := range c.FriendlyStores {
		friendly[i] = s
	}
	st, err := storeStack.Sign(asserts.StoreType, map[string]interface{}{
		"store":           c.Store,
		"operator-id":     "canonical",
		"friendly-stores": friendly,
		"timestamp":       time.Now().UTC().Format(time.RFC3339),
	}, nil, "")
	if err != nil {
		return nil, nil, err
	}
	return m.(*asserts.Model), st.(*asserts.Store), nil
}

func run(c *testCase) answer {
	ans := answer{ID: c.ID}
	model, store, err := device(c)
	if err != nil {
		ans.Error = "device: " + err.Error()
		return ans
	}
	base := asserts.BuiltinBaseDeclaration()
	switch c.Op {
	case "install":
		si, err := info(c.Snap)
		if err != nil {
			ans.Invalid = "snap.yaml: " + err.Error()
			return ans
		}
		ans.Bad = si.BadInterfaces
		decl, err := declaration(c.Snap, si.SnapName())
		if err != nil {
			ans.Invalid = "declaration: " + err.Error()
			return ans
		}
		ic := policy.InstallCandidate{Snap: si, SnapDeclaration: decl, BaseDeclaration: base, Model: model, Store: store}
		if err := ic.Check(); err != nil {
			ans.Error = err.Error()
		} else {
			ans.Allowed = true
		}
	case "connect", "auto-connect":
		pi, err := info(c.PlugSnap)
		if err != nil {
			ans.Invalid = "plug snap.yaml: " + err.Error()
			return ans
		}
		si, err := info(c.SlotSnap)
		if err != nil {
			ans.Invalid = "slot snap.yaml: " + err.Error()
			return ans
		}
		ans.Bad = map[string]string{}
		for k, v := range pi.BadInterfaces {
			ans.Bad["plug:"+k] = v
		}
		for k, v := range si.BadInterfaces {
			ans.Bad["slot:"+k] = v
		}
		plug, slot := pi.Plugs[c.Plug], si.Slots[c.Slot]
		if plug == nil || slot == nil {
			ans.Invalid = fmt.Sprintf("plug %q or slot %q missing", c.Plug, c.Slot)
			return ans
		}
		pd, err := declaration(c.PlugSnap, pi.SnapName())
		if err != nil {
			ans.Invalid = "plug declaration: " + err.Error()
			return ans
		}
		sd, err := declaration(c.SlotSnap, si.SnapName())
		if err != nil {
			ans.Invalid = "slot declaration: " + err.Error()
			return ans
		}
		cc := policy.ConnectCandidate{
			Plug: interfaces.NewConnectedPlug(plug, nil, nil), PlugSnapDeclaration: pd,
			Slot: interfaces.NewConnectedSlot(slot, nil, nil), SlotSnapDeclaration: sd,
			BaseDeclaration: base, Model: model, Store: store,
		}
		if c.Op == "connect" {
			err = cc.Check()
		} else {
			var arity interfaces.SideArity
			arity, err = cc.CheckAutoConnect()
			if err == nil {
				ans.SlotsPerPlug = "1"
				if arity.SlotsPerPlugAny() {
					ans.SlotsPerPlug = "*"
				}
			}
		}
		if err != nil {
			ans.Error = err.Error()
		} else {
			ans.Allowed = true
		}
	default:
		ans.Invalid = "unknown op " + c.Op
	}
	return ans
}

func main() {
	snap.SanitizePlugsSlots = builtin.SanitizePlugsSlots
	// posix-mq refuses plugs and slots where AppArmor cannot mediate message queues; answer as on a
	// system without AppArmor so the answer does not depend on the test machine's kernel.
	apparmor_sandbox.MockLevel(apparmor_sandbox.Unsupported)

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		dec := json.NewDecoder(bytes.NewReader(in.Bytes()))
		dec.UseNumber()
		var c testCase
		if err := dec.Decode(&c); err != nil {
			fmt.Fprintln(os.Stderr, "bad case:", err)
			os.Exit(2)
		}
		if err := enc.Encode(run(&c)); err != nil {
			panic(err)
		}
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}

