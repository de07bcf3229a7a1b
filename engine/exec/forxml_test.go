package exec

import (
	"strings"
	"testing"
)

func TestWriteXMLFloat(t *testing.T) {
	tests := []struct {
		f    float64
		real bool
		want string
	}{
		{1.5, false, "1.500000000000000e+000"},
		{1.5, true, "1.5000000e+000"},
		{-0.00012, false, "-1.200000000000000e-004"},
		{1e300, false, "1.000000000000000e+300"},
		{0, false, "0.000000000000000e+000"},
	}
	for _, tt := range tests {
		var b strings.Builder
		writeXMLFloat(&b, tt.f, tt.real)
		if b.String() != tt.want {
			t.Errorf("writeXMLFloat(%v, %v) = %q, want %q", tt.f, tt.real, b.String(), tt.want)
		}
	}
}

func TestWriteXMLEscaped(t *testing.T) {
	tests := []struct {
		in      string
		attr    bool
		want    string
		wantErr int32
	}{
		{`a<b>&"'c`, false, `a&lt;b&gt;&amp;"'c`, 0},
		{`a<b>&"'c`, true, `a&lt;b&gt;&amp;&quot;'c`, 0},
		{"\t\n\r", false, "\t\n&#x0D;", 0},
		{"\t\n\r", true, "&#x09;&#x0A;&#x0D;", 0},
		{"é€", true, "é€", 0},
		{"a\x01", false, "", 6841},
	}
	for _, tt := range tests {
		var b strings.Builder
		err := writeXMLEscaped(&b, tt.in, tt.attr, "")
		if tt.wantErr != 0 {
			if e, ok := err.(*Error); !ok || e.Number != tt.wantErr || !strings.Contains(e.Message, "'NoName'") {
				t.Errorf("writeXMLEscaped(%q) error = %v, want %d naming NoName", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || b.String() != tt.want {
			t.Errorf("writeXMLEscaped(%q, %v) = %q, %v; want %q", tt.in, tt.attr, b.String(), err, tt.want)
		}
	}
}

func TestParsePathColumn(t *testing.T) {
	tests := []struct {
		name    string
		kind    pathColKind
		elems   string
		wantErr int32
	}{
		{"", pathInline, "", 0},
		{"a", pathElement, "a", 0},
		{"a/b/c", pathElement, "a/b/c", 0},
		{"@x", pathAttr, "", 0},
		{"a/@x", pathAttr, "a", 0},
		{"a/text()", pathText, "a", 0},
		{"data()", pathData, "", 0},
		{"*", pathInline, "", 0},
		{"a/node()", pathInline, "a", 0},
		{"comment()", pathComment, "", 0},
		{"processing-instruction(q)", pathPI, "", 0},
		{"ns:a/@xml:lang", pathAttr, "ns:a", 0},
		{"/a", 0, "", 6849},
		{"a/", 0, "", 6849},
		{"a//b", 0, "", 6849},
		{"a b", 0, "", 6850},
		{"@", 0, "", 6850},
		{"@a/b", 0, "", 6850},
		{"processing-instruction()", 0, "", 6854},
		{"processing-instruction", 0, "", 6854},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc, err := parsePathColumn(tt.name)
			if tt.wantErr != 0 {
				if e, ok := err.(*Error); !ok || e.Number != tt.wantErr {
					t.Fatalf("error = %v, want %d", err, tt.wantErr)
				}
				return
			}
			if err != nil || pc.kind != tt.kind || strings.Join(pc.names, "/") != tt.elems {
				t.Fatalf("= kind %d elems %q, %v; want kind %d elems %q", pc.kind, strings.Join(pc.names, "/"), err, tt.kind, tt.elems)
			}
		})
	}
}
