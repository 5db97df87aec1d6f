package main

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestMark(t *testing.T) {
	text, spans := mark("他说“我们「不会」让步”。\n“未闭合\n标题「甲」")
	want := []string{"我们「不会」让步", "不会", "甲"}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("spans = %q, want %q", spans, want)
	}
	if wantText := "他说“⟦1 我们「⟦2 不会 ⟧2」让步 ⟧1”。\n“未闭合\n标题「⟦3 甲 ⟧3」"; text != wantText {
		t.Errorf("text = %q, want %q", text, wantText)
	}
}

func TestToExtra(t *testing.T) {
	spans := []string{"我们不会让步", "不会", "甲"}
	text := "秦刚说“我们「不会」让步”。标题「甲」"
	l := labelled{Post: "p001", File: "a.md", Labels: []label{{N: 1, Speaker: "秦刚"}, {N: 2, Label: "skip"}, {N: 3, Label: "not"}}}
	got, err := toExtra(l, "a.md", spans, text)
	if err != nil {
		t.Fatal(err)
	}
	want := extraLine{File: "a.md", Quotes: []quote{{Speaker: "秦刚", Text: "我们不会让步"}}, NotQuotes: []string{"甲"}, ShortOnly: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("toExtra = %+v, want %+v", got, want)
	}
	for name, bad := range map[string][]label{
		"missing span":    {{N: 1, Speaker: "秦刚"}, {N: 2, Label: "skip"}},
		"span twice":      {{N: 1, Speaker: "秦刚"}, {N: 1, Label: "not"}, {N: 3, Label: "not"}},
		"out of range":    {{N: 1, Speaker: "秦刚"}, {N: 2, Label: "skip"}, {N: 4, Label: "not"}},
		"unknown speaker": {{N: 1, Speaker: "王毅"}, {N: 2, Label: "skip"}, {N: 3, Label: "not"}},
		"no decision":     {{N: 1, Speaker: "秦刚"}, {N: 2}, {N: 3, Label: "not"}},
	} {
		if _, err := toExtra(labelled{File: "a.md", Labels: bad}, "a.md", spans, text); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := toExtra(labelled{File: "b.md", Labels: l.Labels}, "a.md", spans, text); err == nil {
		t.Error("labels of another post: no error")
	}
}

func TestAgree(t *testing.T) {
	dir := t.TempDir()
	gold := `{"quotes":[{"speaker":"唐纳德·特朗普","text":"我们会赢得这场选举。"},{"speaker":"王毅","text":"中方坚决反对。"},{"speaker":"?","text":"好人"},{"speaker":"秦刚","text":"没有标注的话。"}]}`
	lines := `{"file":"001.md","quotes":[{"speaker":"特朗普","text":"我们会赢得这场选举。"},{"speaker":"?","text":"中方坚决反对。"},{"speaker":"甲","text":"多出来的一句话。"}],"not_quotes":["好人"]}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "001.json"), []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "agree.jsonl")
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := agree(file, dir, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"6 characters or more: quotes in both 2, annotators' only 1, gold's only 0",
		"same speaker 0.500 (1 of 2)",
		"shorter: quotes in both 0, annotators' only 0, gold's only 1",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("agree output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestMergeSpeakers(t *testing.T) {
	dir := t.TempDir()
	for name, s := range map[string]string{
		"p001.spans.json": `{"file":"a.md","spans":["我们不会让步","甲"]}`,
		"p001.txt":        "秦刚说“⟦1 我们不会让步 ⟧1”。标题「⟦2 甲 ⟧2」",
		"labels.jsonl":    `{"post":"p001","file":"a.md","labels":[{"n":1,"speaker":"秦刚"},{"n":2,"label":"not"}]}` + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, teach := range []string{"short", "speakers", "both"} {
		var out strings.Builder
		if err := mergeLabels(filepath.Join(dir, "labels.jsonl"), dir, teach, 4, &out); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), `"short_only":true`); got != (teach == "short") {
			t.Errorf("%s: short_only written %v:\n%s", teach, got, out.String())
		}
		if got := strings.Contains(out.String(), `"speakers_only":true`); got != (teach == "speakers") {
			t.Errorf("%s: speakers_only written %v:\n%s", teach, got, out.String())
		}
		if !strings.Contains(out.String(), `"round":4`) {
			t.Errorf("%s: no round:\n%s", teach, out.String())
		}
		if !strings.Contains(out.String(), `{"speaker":"秦刚","text":"我们不会让步"}`) {
			t.Errorf("%s: the quote is missing:\n%s", teach, out.String())
		}
	}
	if err := mergeLabels(filepath.Join(dir, "labels.jsonl"), dir, "all", 0, io.Discard); err == nil {
		t.Error("-teach all: no error")
	}
}

func TestListField(t *testing.T) {
	for in, want := range map[string]string{
		"a/2020-08-27-霍根辞职.md":   "a/2020-08-27-霍根辞职.md",
		"a/2020-08-27-霍根辞职\n.md": `a/2020-08-27-霍根辞职\n.md`,
		"a\tb\r\n.md":            `a\tb\r\n.md`,
	} {
		if got := listField(in); got != want {
			t.Errorf("listField(%q) = %q, want %q", in, got, want)
		}
	}
}
