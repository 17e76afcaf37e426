// Talks to the store API with snapd 2.57's own store client (package store), the way the snapd
// daemon and `snap` do, so every response is decoded by snapd's code. Used by
// test/server/store-api-snapd.test.ts.
//
//	storeclient < {baseUrl, architecture, ops: [{kind, ...}]}
//
// kinds:
//
//	find      {query, prefix, category, scope}       store.Find
//	info      {name}                                 store.SnapInfo
//	action    {current: [...], actions: [...]}       store.SnapAction (install, download, refresh)
//	download  {name, channel, target, resumeFrom}    SnapAction download, then store.Download, which
//	                                                 checks size and SHA3-384; with resumeFrom the
//	                                                 first bytes are already in target.partial, so
//	                                                 snapd resumes with a Range request (206)
//	sections  {}                                     store.Sections (api/v1/snaps/sections)
//	catalog   {}                                     store.WriteCatalogs (api/v1/snaps/names)
//	assertions {refs: [{type, primaryKey, revision}]} SnapAction with an AssertionQuery (one
//	                                                 grouping: fetch-assertions), then
//	                                                 store.DownloadAssertions of the stream URLs
//
// Output: one JSON array on stdout, one entry per op; a failure is {"error": "..."} (the text
// snapd would print), never a non-zero exit.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/snapcore/snapd/asserts"
	"github.com/snapcore/snapd/interfaces/builtin"
	"github.com/snapcore/snapd/snap"
	"github.com/snapcore/snapd/store"
)

type current struct {
	Name     string `json:"name"`
	SnapID   string `json:"snapId"`
	Revision int    `json:"revision"`
	Channel  string `json:"channel"`
}

type action struct {
	Action   string `json:"action"`
	Name     string `json:"name"`
	SnapID   string `json:"snapId"`
	Channel  string `json:"channel"`
	Revision int    `json:"revision"`
}

type op struct {
	Kind       string    `json:"kind"`
	Query      string    `json:"query"`
	Prefix     bool      `json:"prefix"`
	Category   string    `json:"category"`
	Scope      string    `json:"scope"`
	Name       string    `json:"name"`
	Channel    string    `json:"channel"`
	Target     string    `json:"target"`
	ResumeFrom []byte    `json:"resumeFrom"`
	Current    []current `json:"current"`
	Actions    []action  `json:"actions"`
	Refs       []aref    `json:"refs"`
}

type aref struct {
	Type       string   `json:"type"`
	PrimaryKey []string `json:"primaryKey"`
	Revision   int      `json:"revision"`
}

// assertQuery asks for refs in one grouping and keeps the errors snapd reports per assertion.
type assertQuery struct {
	refs   []aref
	errors map[string]string
}

func (q *assertQuery) ToResolve() (map[asserts.Grouping][]*asserts.AtRevision, map[asserts.Grouping][]*asserts.AtSequence, error) {
	var ats []*asserts.AtRevision
	for _, r := range q.refs {
		ats = append(ats, &asserts.AtRevision{Ref: asserts.Ref{Type: asserts.Type(r.Type), PrimaryKey: r.PrimaryKey}, Revision: r.Revision})
	}
	return map[asserts.Grouping][]*asserts.AtRevision{"g1": ats}, nil, nil
}

func (q *assertQuery) AddError(e error, ref *asserts.Ref) error {
	var nf *asserts.NotFoundError
	if errors.As(e, &nf) {
		q.errors[ref.Unique()] = "not-found"
	} else {
		q.errors[ref.Unique()] = e.Error()
	}
	return nil
}

func (q *assertQuery) AddSequenceError(e error, atSeq *asserts.AtSequence) error {
	q.errors[atSeq.Unique()] = e.Error()
	return nil
}

func (q *assertQuery) AddGroupingError(e error, grouping asserts.Grouping) error {
	q.errors[string(grouping)] = e.Error()
	return nil
}

type input struct {
	BaseURL      string `json:"baseUrl"`
	Architecture string `json:"architecture"`
	Ops          []op   `json:"ops"`
}

type snapOut struct {
	Name        string                `json:"name"`
	SnapID      string                `json:"snapId"`
	Revision    int                   `json:"revision"`
	Channel     string                `json:"channel"`
	Version     string                `json:"version"`
	Confinement string                `json:"confinement"`
	Title       string                `json:"title"`
	Summary     string                `json:"summary"`
	Publisher   string                `json:"publisher"`
	Type        string                `json:"type"`
	Epoch       string                `json:"epoch"`
	Size        int64                 `json:"size"`
	Sha3_384    string                `json:"sha3_384"`
	URL         string                `json:"url"`
	Apps        []string              `json:"apps"`
	Plugs       []string              `json:"plugs"`
	Channels    map[string]channelOut `json:"channels,omitempty"`
	Tracks      []string              `json:"tracks,omitempty"`
}

type channelOut struct {
	Revision    int    `json:"revision"`
	Version     string `json:"version"`
	Confinement string `json:"confinement"`
	Size        int64  `json:"size"`
	ReleasedAt  string `json:"releasedAt"`
}

type result struct {
	Error    string            `json:"error,omitempty"`
	Snaps    []snapOut         `json:"snaps,omitempty"`
	Errors   map[string]string `json:"errors,omitempty"`
	Sections []string          `json:"sections,omitempty"`
	Names    []string          `json:"names,omitempty"`
	Added    []catalogEntry    `json:"added,omitempty"`
	Streams  []string          `json:"streams,omitempty"`
	File     *fileOut          `json:"file,omitempty"`
}

type catalogEntry struct {
	Name     string   `json:"name"`
	Version  string   `json:"version"`
	Summary  string   `json:"summary"`
	Commands []string `json:"commands"`
}

type fileOut struct {
	Size int64 `json:"size"`
}

type adder struct{ added []catalogEntry }

func (a *adder) AddSnap(name, version, summary string, commands []string) error {
	a.added = append(a.added, catalogEntry{name, version, summary, commands})
	return nil
}

func describe(info *snap.Info) snapOut {
	out := snapOut{
		Name:        info.SnapName(),
		SnapID:      info.SnapID,
		Revision:    info.Revision.N,
		Channel:     info.Channel,
		Version:     info.Version,
		Confinement: string(info.Confinement),
		Title:       info.Title(),
		Summary:     info.Summary(),
		Publisher:   info.Publisher.ID,
		Type:        string(info.Type()),
		Epoch:       info.Epoch.String(),
		Size:        info.Size,
		Sha3_384:    info.Sha3_384,
		URL:         info.DownloadURL,
	}
	for name := range info.Apps {
		out.Apps = append(out.Apps, name)
	}
	for name := range info.Plugs {
		out.Plugs = append(out.Plugs, name)
	}
	if len(info.Channels) > 0 {
		out.Channels = map[string]channelOut{}
		for k, c := range info.Channels {
			out.Channels[k] = channelOut{c.Revision.N, c.Version, string(c.Confinement), c.Size, c.ReleasedAt.UTC().Format(time.RFC3339)}
		}
		out.Tracks = info.Tracks
	}
	return out
}

// errText is snapd's message, plus the releases a RevisionNotAvailableError carries (snapd shows
// them as "available on the following channels").
func errText(err error) string {
	if e, ok := err.(*store.RevisionNotAvailableError); ok && len(e.Releases) > 0 {
		var rels []string
		for _, r := range e.Releases {
			rels = append(rels, r.Architecture+"="+r.Track+"/"+r.Risk)
		}
		return fmt.Sprintf("%s (%s: %s)", e.Error(), e.Channel, strings.Join(rels, " "))
	}
	return err.Error()
}

func actionErrors(err error) (string, map[string]string) {
	if err == nil {
		return "", nil
	}
	if e, ok := err.(*store.SnapActionError); ok {
		m := map[string]string{}
		for k, v := range e.Refresh {
			m["refresh:"+k] = errText(v)
		}
		for k, v := range e.Install {
			m["install:"+k] = errText(v)
		}
		for k, v := range e.Download {
			m["download:"+k] = errText(v)
		}
		for i, v := range e.Other {
			m[fmt.Sprintf("other:%d", i)] = errText(v)
		}
		if e.NoResults {
			m["no-results"] = "true"
		}
		return err.Error(), m
	}
	return err.Error(), nil
}

func doActions(ctx context.Context, sto *store.Store, o op) ([]store.SnapActionResult, error) {
	var cur []*store.CurrentSnap
	for _, c := range o.Current {
		cur = append(cur, &store.CurrentSnap{
			InstanceName: c.Name, SnapID: c.SnapID, Revision: snap.R(c.Revision), TrackingChannel: c.Channel,
			RefreshedDate: time.Now().Add(-time.Hour), Epoch: snap.E("0"),
		})
	}
	var acts []*store.SnapAction
	for _, a := range o.Actions {
		sa := &store.SnapAction{Action: a.Action, InstanceName: a.Name, SnapID: a.SnapID, Channel: a.Channel}
		if a.Revision != 0 {
			sa.Revision = snap.R(a.Revision)
		}
		acts = append(acts, sa)
	}
	res, _, err := sto.SnapAction(ctx, cur, acts, nil, nil, nil)
	return res, err
}

func run(ctx context.Context, sto *store.Store, o op) (r result) {
	switch o.Kind {
	case "find":
		infos, err := sto.Find(ctx, &store.Search{Query: o.Query, Prefix: o.Prefix, Category: o.Category, Scope: o.Scope}, nil)
		if err != nil {
			return result{Error: err.Error()}
		}
		r.Snaps = []snapOut{}
		for _, i := range infos {
			r.Snaps = append(r.Snaps, describe(i))
		}
	case "info":
		info, err := sto.SnapInfo(ctx, store.SnapSpec{Name: o.Name}, nil)
		if err != nil {
			return result{Error: err.Error()}
		}
		r.Snaps = []snapOut{describe(info)}
	case "action":
		res, err := doActions(ctx, sto, o)
		r.Error, r.Errors = actionErrors(err)
		r.Snaps = []snapOut{}
		for _, sar := range res {
			r.Snaps = append(r.Snaps, describe(sar.Info))
		}
	case "download":
		res, err := doActions(ctx, sto, op{Actions: []action{{Action: "download", Name: o.Name, Channel: o.Channel}}})
		if err != nil {
			r.Error, r.Errors = actionErrors(err)
			return r
		}
		info := res[0].Info
		r.Snaps = []snapOut{describe(info)}
		if len(o.ResumeFrom) > 0 {
			if err := os.WriteFile(o.Target+".partial", o.ResumeFrom, 0600); err != nil {
				return result{Error: err.Error()}
			}
		}
		if err := sto.Download(ctx, info.SnapName(), o.Target, &info.DownloadInfo, nil, nil, nil); err != nil {
			r.Error = err.Error()
			return r
		}
		st, err := os.Stat(o.Target)
		if err != nil {
			return result{Error: err.Error()}
		}
		r.File = &fileOut{Size: st.Size()}
	case "sections":
		s, err := sto.Sections(ctx, nil)
		if err != nil {
			return result{Error: err.Error()}
		}
		r.Sections = s
	case "catalog":
		var names bytes.Buffer
		a := &adder{}
		if err := sto.WriteCatalogs(ctx, &names, a); err != nil {
			return result{Error: err.Error()}
		}
		r.Names = []string{}
		for _, l := range bytes.Split(bytes.TrimSpace(names.Bytes()), []byte("\n")) {
			if len(l) > 0 {
				r.Names = append(r.Names, string(l))
			}
		}
		r.Added = a.added
	case "assertions":
		q := &assertQuery{refs: o.Refs, errors: map[string]string{}}
		_, ars, err := sto.SnapAction(ctx, nil, nil, q, nil, nil)
		if err != nil {
			return result{Error: err.Error()}
		}
		r.Errors = q.errors
		r.Streams = []string{}
		for _, ar := range ars {
			// snapd decodes each stream into a batch (signatures are checked at commit, not here).
			if err := sto.DownloadAssertions(ar.StreamURLs, asserts.NewBatch(nil), nil); err != nil {
				return result{Error: err.Error()}
			}
			r.Streams = append(r.Streams, ar.StreamURLs...)
		}
	default:
		return result{Error: "unknown op " + o.Kind}
	}
	return r
}

func main() {
	snap.SanitizePlugsSlots = builtin.SanitizePlugsSlots
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	base, err := url.Parse(in.BaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cfg := store.DefaultConfig()
	cfg.StoreBaseURL = base
	cfg.AssertionsBaseURL = base
	if in.Architecture != "" {
		cfg.Architecture = in.Architecture
	}
	sto := store.New(cfg, nil)
	ctx := context.Background()
	out := make([]result, 0, len(in.Ops))
	for _, o := range in.Ops {
		out = append(out, run(ctx, sto, o))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
