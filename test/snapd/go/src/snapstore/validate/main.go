// Command validate asks snapd 2.57.6's own code whether each snap.yaml it is given is valid, so
// test/snapd/validate.test.ts can compare the store's parser (lib/snap/snap-yaml.ts) with it.
//
// With -interfaces it prints the names of the interfaces snapd knows instead, one a line.
//
// Input: JSON lines {"id": "...", "yaml": "..."} on stdin. Output: one JSON line per input,
// {"id", "ok", "error", "badInterfaces"}, in the same order.
//
// Each document goes through what snapd does with a snap.yaml before it installs a snap:
//   - snap.InfoFromSnapYaml (yaml.v2 decoding, plugs/slots binding; it calls
//     snap.SanitizePlugsSlots, set to builtin.SanitizePlugsSlots as snapd's daemon does);
//   - snap.Validate (names, version, epoch, license, apps, hooks, sockets, layouts, links...);
//   - the system-usernames check snapd runs at install (overlord/snapstate validateSystemUsernames,
//     unexported, so its rule is restated below from snap.SupportedSystemUsernames).
// Interfaces that sanitize drops (unknown interface, bad attributes) are not errors for snapd: it
// installs the snap without them. They are reported in badInterfaces for information only.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/snapcore/snapd/interfaces/builtin"
	"github.com/snapcore/snapd/snap"
)

type input struct {
	ID   string `json:"id"`
	YAML string `json:"yaml"`
}

type output struct {
	ID            string   `json:"id"`
	OK            bool     `json:"ok"`
	Error         string   `json:"error,omitempty"`
	BadInterfaces []string `json:"badInterfaces,omitempty"`
}

// systemUsernames restates overlord/snapstate's validateSystemUsernames (snapd 2.57.6,
// check_snap.go) for a snap without a snap-id (the store checks the id elsewhere).
func systemUsernames(info *snap.Info) error {
	names := make([]string, 0, len(info.SystemUsernames))
	for name := range info.SystemUsernames {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		user := info.SystemUsernames[name]
		if _, ok := snap.SupportedSystemUsernames[user.Name]; !ok {
			return fmt.Errorf(`snap %q requires unsupported system username "%s"`, info.InstanceName(), user.Name)
		}
		switch user.Scope {
		case "shared":
		case "private", "external":
			return fmt.Errorf(`snap %q requires unsupported user scope "%s" for this version of snapd`, info.InstanceName(), user.Scope)
		default:
			return fmt.Errorf(`snap %q requires unsupported user scope "%s"`, info.InstanceName(), user.Scope)
		}
	}
	return nil
}

func check(doc string) (out output) {
	// A panic inside snapd's code on a hostile document is a refusal, not a crash of the whole run.
	defer func() {
		if r := recover(); r != nil {
			out = output{OK: false, Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	info, err := snap.InfoFromSnapYaml([]byte(doc))
	if err != nil {
		return output{Error: err.Error()}
	}
	var bad []string
	for name, why := range info.BadInterfaces {
		bad = append(bad, name+": "+why)
	}
	sort.Strings(bad)
	if err := snap.Validate(info); err != nil {
		return output{Error: err.Error(), BadInterfaces: bad}
	}
	if err := systemUsernames(info); err != nil {
		return output{Error: err.Error(), BadInterfaces: bad}
	}
	return output{OK: true, BadInterfaces: bad}
}

func main() {
	interfaces := flag.Bool("interfaces", false, "print the names of snapd's interfaces")
	flag.Parse()
	if *interfaces {
		var names []string
		for _, iface := range builtin.Interfaces() {
			names = append(names, iface.Name())
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Println(n)
		}
		return
	}
	snap.SanitizePlugsSlots = builtin.SanitizePlugsSlots
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 0, 1<<20), 64<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for in.Scan() {
		var req input
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintf(os.Stderr, "bad input line: %v\n", err)
			os.Exit(2)
		}
		out := check(req.YAML)
		out.ID = req.ID
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(os.Stderr, "cannot write: %v\n", err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "cannot read input: %v\n", err)
		os.Exit(2)
	}
}
