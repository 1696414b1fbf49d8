package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestOneCommandTreeIsTheSame runs argument lists through the one-command
// tree that run builds and through the whole tree, and requires the same
// output, errors and exit code: help, usage errors, bad flags, a missing
// program, and real runs of every command.
func TestOneCommandTreeIsTheSame(t *testing.T) {
	prog := "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x"
	var cases [][]string
	typ := reflect.TypeFor[cli]()
	for i := range typ.NumField() {
		name := strings.ToLower(typ.Field(i).Name)
		cases = append(cases,
			[]string{name},
			[]string{name, "--help"},
			[]string{name, "-h"},
			[]string{name, "--no-such-flag", prog},
			[]string{name, "--wrt"},
			[]string{name, "--wrt", "x", prog},
			[]string{name, "--wrt", "x", "--claim", "2 A x", prog},
			[]string{name, "--at", "/nonexistent.json", prog},
			[]string{name, prog, "extra", "args"},
			[]string{name, "--wrt", "x", "--json", "--check", prog},
		)
	}
	cases = append(cases, []string{}, []string{"--help"}, []string{"grads"}, []string{"Grad", "--wrt", "x", prog})
	for _, args := range cases {
		var o1, e1, o2, e2 bytes.Buffer
		c1 := run(args, strings.NewReader(""), &o1, &e1)
		c2 := runWith(&cli{}, args, strings.NewReader(""), &o2, &e2)
		if c1 != c2 || o1.String() != o2.String() || e1.String() != e2.String() {
			t.Errorf("deriv %s: one-command tree differs from the whole tree\nexit %d vs %d\nstdout:\n%s\nvs\n%s\nstderr:\n%s\nvs\n%s",
				quoteArgs(args), c1, c2, o1.String(), o2.String(), e1.String(), e2.String())
		}
	}
}

// TestGrammarFor checks which tree run builds.
func TestGrammarFor(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		whole bool
	}{
		{nil, true}, {[]string{"--help"}, true}, {[]string{"gradient"}, true}, {[]string{"grad"}, false},
		{[]string{"hessian", "--wrt", "x"}, false}, {[]string{"GRAD"}, true},
	} {
		_, whole := grammarFor(tt.args).(*cli)
		if whole != tt.whole {
			t.Errorf("grammarFor(%q): whole tree %v, want %v", tt.args, whole, tt.whole)
		}
	}
}

// BenchmarkStartup is kong's share of a short run: building the command
// tree and parsing the arguments of `deriv grad --help`-free run, for the
// one-command tree and the whole tree.
func BenchmarkStartup(b *testing.B) {
	args := []string{"parse", "x ∈ R"}
	for _, tc := range []struct {
		name string
		tree func() any
	}{{"one-command", func() any { return grammarFor(args) }}, {"whole", func() any { return &cli{} }}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out, errb bytes.Buffer
				if code := runWith(tc.tree(), args, strings.NewReader(""), &out, &errb); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
		})
	}
}
