// Checks the store's assertions with snapd 2.57's own asserts code, trusting ONLY the store's root
// account-key and root account (never Canonical's). Used by test/snapd/assertions.test.ts and
// test/server/assertions-route.test.ts.
//
//	assertions verify   < {trusted, stream, items, resign, crossChecks}
//	    Decodes `trusted` (a stream: root account + root account-key) into asserts.OpenDatabase's
//	    Trusted set, then decodes `stream` with asserts.NewDecoder and Adds every assertion in order
//	    (Add runs Check: signature, signing key validity and timestamps, cross-consistency such as a
//	    snap-declaration's publisher account). Each `items` entry is decoded alone (asserts.Decode)
//	    and Checked against the database without being added: the place for tampered copies.
//	    `resign` maps key ids to PEM files: every stream assertion is signed again by snapd's own
//	    assembleAndSign with the same headers and body, and the signed content is compared byte for
//	    byte with ours (header order, formatting, format checks). `crossChecks` run
//	    snapasserts.CrossCheck (and DeriveSideInfo on a real file when `snapFile` is given).
//	assertions fetch    < {baseUrl, trusted, snaps, declarations, accounts}
//	    snapd's store client (store.New, AssertionsBaseURL = baseUrl) with an asserts.Fetcher, as
//	    snapd chases prerequisites at install: snap-revision -> snap-declaration -> publisher account
//	    -> signing account-key -> (trusted root). Then CrossCheck / DeriveSideInfo.
//	assertions canonical
//	    Prints snapd's built-in trusted assertions (Canonical's root account and account-key), so our
//	    own decoder can be checked against real signatures made by other software.
//
// Output: one JSON document on stdout.
package main

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/snapcore/snapd/asserts"
	"github.com/snapcore/snapd/asserts/snapasserts"
	"github.com/snapcore/snapd/asserts/sysdb"
	"github.com/snapcore/snapd/interfaces/builtin"
	"github.com/snapcore/snapd/snap"
	"github.com/snapcore/snapd/store"
)

type crossCheck struct {
	Name     string `json:"name"`
	SnapName string `json:"snapName"`
	SnapID   string `json:"snapId"`
	Revision int    `json:"revision"`
	SHA3_384 string `json:"sha3_384"`
	Size     uint64 `json:"size"`
	SnapFile string `json:"snapFile,omitempty"`
}

type item struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type verifyInput struct {
	Trusted     string            `json:"trusted"`
	Stream      string            `json:"stream"`
	Items       []item            `json:"items"`
	Resign      map[string]string `json:"resign"`
	CrossChecks []crossCheck      `json:"crossChecks"`
}

type result struct {
	Name            string                 `json:"name"`
	OK              bool                   `json:"ok"`
	Stage           string                 `json:"stage,omitempty"`
	Error           string                 `json:"error,omitempty"`
	Type            string                 `json:"type,omitempty"`
	Format          int                    `json:"format"`
	SuggestedFormat int                    `json:"suggestedFormat"`
	Revision        int                    `json:"revision"`
	Headers         map[string]interface{} `json:"headers,omitempty"`
	Resigned        string                 `json:"resigned,omitempty"`
	SideInfo        *sideInfo              `json:"sideInfo,omitempty"`
}

type sideInfo struct {
	RealName string `json:"name"`
	SnapID   string `json:"snapId"`
	Revision int    `json:"revision"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

func refName(a asserts.Assertion) string {
	return a.Ref().String()
}

// openTrusted opens a database that trusts exactly the assertions in the stream.
func openTrusted(stream string) *asserts.Database {
	var trusted []asserts.Assertion
	dec := asserts.NewDecoder(strings.NewReader(stream))
	for {
		a, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(fmt.Errorf("decoding trusted assertions: %v", err))
		}
		trusted = append(trusted, a)
	}
	db, err := asserts.OpenDatabase(&asserts.DatabaseConfig{
		Backstore: asserts.NewMemoryBackstore(),
		Trusted:   trusted,
	})
	if err != nil {
		fail(err)
	}
	return db
}

func loadKey(path string) asserts.PrivateKey {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		fail(fmt.Errorf("%s: no PEM block", path))
	}
	var rsaKey *rsa.PrivateKey
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		rsaKey = k.(*rsa.PrivateKey)
	} else if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		rsaKey = k
	} else {
		fail(fmt.Errorf("%s: not an RSA private key", path))
	}
	return asserts.RSAPrivateKey(rsaKey)
}

// resign signs the assertion's headers and body again with snapd's own code and returns the
// signed content, so the caller can compare it with ours.
func resign(signDB *asserts.Database, a asserts.Assertion) (string, error) {
	headers := a.Headers()
	for _, h := range []string{"type", "body-length", "sign-key-sha3-384"} {
		delete(headers, h)
	}
	again, err := signDB.Sign(a.Type(), headers, a.Body(), a.SignKeyID())
	if err != nil {
		return "", err
	}
	content, _ := again.Signature()
	return string(content), nil
}

func describe(a asserts.Assertion, r *result) {
	r.Type = a.Type().Name
	r.Format = a.Format()
	r.Revision = a.Revision()
	r.Headers = a.Headers()
	if f, err := asserts.SuggestFormat(a.Type(), a.Headers(), a.Body()); err == nil {
		r.SuggestedFormat = f
	} else {
		r.SuggestedFormat = -1
	}
}

func runCrossCheck(db asserts.RODatabase, c crossCheck) result {
	r := result{Name: c.Name}
	si := &snap.SideInfo{RealName: c.SnapName, SnapID: c.SnapID, Revision: snap.R(c.Revision)}
	if _, err := snapasserts.CrossCheck(c.SnapName, c.SHA3_384, "", c.Size, si, nil, db); err != nil {
		r.Stage, r.Error = "cross-check", err.Error()
		return r
	}
	if c.SnapFile != "" {
		derived, err := snapasserts.DeriveSideInfo(c.SnapFile, nil, db)
		if err != nil {
			r.Stage, r.Error = "derive-side-info", err.Error()
			return r
		}
		r.SideInfo = &sideInfo{RealName: derived.RealName, SnapID: derived.SnapID, Revision: derived.Revision.N}
	}
	r.OK = true
	return r
}

func verify(in verifyInput) map[string]interface{} {
	db := openTrusted(in.Trusted)

	var signDB *asserts.Database
	if len(in.Resign) > 0 {
		var err error
		signDB, err = asserts.OpenDatabase(&asserts.DatabaseConfig{KeypairManager: asserts.NewMemoryKeypairManager()})
		if err != nil {
			fail(err)
		}
		for _, path := range in.Resign {
			if err := signDB.ImportKey(loadKey(path)); err != nil {
				fail(err)
			}
		}
	}

	stream := []result{}
	dec := asserts.NewDecoder(strings.NewReader(in.Stream))
	for i := 0; ; i++ {
		a, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			stream = append(stream, result{Name: fmt.Sprintf("#%d", i), Stage: "decode", Error: err.Error()})
			break // the stream cannot be resynchronised
		}
		r := result{Name: refName(a)}
		describe(a, &r)
		if signDB != nil {
			if content, err := resign(signDB, a); err != nil {
				r.Resigned = "error: " + err.Error()
			} else {
				mine, _ := a.Signature()
				if content == string(mine) {
					r.Resigned = "identical"
				} else {
					r.Resigned = "differs:\n" + content
				}
			}
		}
		if err := db.Add(a); err != nil {
			r.Stage, r.Error = "add", err.Error()
		} else {
			r.OK = true
		}
		stream = append(stream, r)
	}

	items := []result{}
	for _, it := range in.Items {
		r := result{Name: it.Name}
		a, err := asserts.Decode([]byte(it.Text))
		if err != nil {
			r.Stage, r.Error = "decode", err.Error()
		} else {
			describe(a, &r)
			if err := db.Check(a); err != nil {
				r.Stage, r.Error = "check", err.Error()
			} else {
				r.OK = true
			}
		}
		items = append(items, r)
	}

	checks := []result{}
	for _, c := range in.CrossChecks {
		checks = append(checks, runCrossCheck(db, c))
	}
	return map[string]interface{}{"stream": stream, "items": items, "crossChecks": checks}
}

type fetchInput struct {
	BaseURL      string       `json:"baseUrl"`
	Trusted      string       `json:"trusted"`
	Snaps        []crossCheck `json:"snaps"`
	Declarations []string     `json:"declarations"`
	Accounts     []string     `json:"accounts"`
}

func fetch(in fetchInput) map[string]interface{} {
	db := openTrusted(in.Trusted)
	base, err := url.Parse(in.BaseURL)
	if err != nil {
		fail(err)
	}
	cfg := store.DefaultConfig()
	cfg.StoreBaseURL = base
	cfg.AssertionsBaseURL = base
	sto := store.New(cfg, nil)

	var fetched []string
	retrieve := func(ref *asserts.Ref) (asserts.Assertion, error) {
		a, err := sto.Assertion(ref.Type, ref.PrimaryKey, nil)
		if err == nil {
			fetched = append(fetched, ref.String())
		}
		return a, err
	}
	save := func(a asserts.Assertion) error {
		err := db.Add(a)
		if _, ok := err.(*asserts.RevisionError); ok {
			return nil // already there (e.g. the account of a second snap by the same publisher)
		}
		return err
	}
	run := func(name string, do func(asserts.Fetcher) error) result {
		fetched = nil
		r := result{Name: name}
		if err := do(asserts.NewFetcher(db, retrieve, save)); err != nil {
			r.Stage, r.Error = "fetch", err.Error()
		} else {
			r.OK = true
		}
		r.Headers = map[string]interface{}{"fetched": fetched}
		return r
	}

	snaps := []result{}
	for _, c := range in.Snaps {
		r := run(c.Name, func(f asserts.Fetcher) error { return snapasserts.FetchSnapAssertions(f, c.SHA3_384, "") })
		if r.OK {
			cc := runCrossCheck(db, c)
			r.OK, r.Stage, r.Error, r.SideInfo = cc.OK, cc.Stage, cc.Error, cc.SideInfo
		}
		snaps = append(snaps, r)
	}
	decls := []result{}
	for _, id := range in.Declarations {
		id := id
		decls = append(decls, run(id, func(f asserts.Fetcher) error { return snapasserts.FetchSnapDeclaration(f, id) }))
	}
	accounts := []result{}
	for _, id := range in.Accounts {
		id := id
		accounts = append(accounts, run(id, func(f asserts.Fetcher) error {
			return f.Fetch(&asserts.Ref{Type: asserts.AccountType, PrimaryKey: []string{id}})
		}))
	}
	return map[string]interface{}{"snaps": snaps, "declarations": decls, "accounts": accounts}
}

func main() {
	// DeriveSideInfo reads the snap's snap.yaml, which needs snapd's plug/slot sanitizer.
	snap.SanitizePlugsSlots = builtin.SanitizePlugsSlots
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: assertions verify|fetch|canonical < input.json"))
	}
	var out interface{}
	switch os.Args[1] {
	case "verify":
		var in verifyInput
		if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
			fail(err)
		}
		out = verify(in)
	case "fetch":
		var in fetchInput
		if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
			fail(err)
		}
		out = fetch(in)
	case "canonical":
		var list []string
		for _, a := range sysdb.Trusted() {
			list = append(list, string(asserts.Encode(a)))
		}
		out = list
	default:
		fail(fmt.Errorf("unknown command %q", os.Args[1]))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}
