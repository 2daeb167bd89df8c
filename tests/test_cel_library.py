"""Kubernetes' CEL libraries added to the runtime: each function, its errors, and the optional syntax."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.validation.cel import evaluate
from k8slab.validation.cel.source import rewrite, scan


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # extended strings (cel-go ext.Strings v2)
        ("'hello'.charAt(1)", "e"),
        ("'hello'.charAt(5)", ""),
        ("'hello'.indexOf('l')", 2),
        ("'hello'.indexOf('l', 3)", 3),
        ("'hello'.indexOf('z')", -1),
        ("'hello'.lastIndexOf('l')", 3),
        ("'hello'.lastIndexOf('l', 2)", 2),
        ("'HeLLo ÄÖ'.lowerAscii()", "hello ÄÖ"),
        ("'hello äö'.upperAscii()", "HELLO äö"),
        ("'a-b-c'.replace('-', '+')", "a+b+c"),
        ("'a-b-c'.replace('-', '+', 1)", "a+b-c"),
        ("'a/b/c'.split('/')", ["a", "b", "c"]),
        ("'a/b/c'.split('/', 2)", ["a", "b/c"]),
        ("'a/b/c'.split('/', 0)", []),
        ("'hello'.substring(1)", "ello"),
        ("'hello'.substring(1, 3)", "el"),
        ("'  hi \\t'.trim()", "hi"),
        ("['a', 'b'].join()", "ab"),
        ("['a', 'b'].join('-')", "a-b"),
        ("strings.quote('say \"hi\"')", '"say \\"hi\\""'),
        ("'%s has %d items'.format(['list', 3])", "list has 3 items"),
        ("'%.2f and %e'.format([1.5, 1000.0])", "1.50 and 1.000000e+03"),
        ("'%x %X %o %b %%'.format([255, 255, 8, 5])", "ff FF 10 101 %"),
        ("'%s'.format([[1, 'a', true]])", "[1, a, true]"),
        # lists (k8s.io/apiserver/pkg/cel/library/lists.go)
        ("[1, 2, 2, 3].isSorted()", True),
        ("[3, 1].isSorted()", False),
        ("['a', 'b'].isSorted()", True),
        ("[1, 2, 3].sum()", 6),
        ("[1.5, 2.5].sum()", 4.0),
        ("[].sum()", 0),
        ("[3, 1, 2].min()", 1),
        ("[3, 1, 2].max()", 3),
        ("[1, 2, 1].indexOf(1)", 0),
        ("[1, 2, 1].lastIndexOf(1)", 2),
        ("[1, 2].indexOf(5)", -1),
        # regex (library/regex.go)
        ("'abc 123 45'.find('[0-9]+')", "123"),
        ("'abc'.find('[0-9]+')", ""),
        ("'a1b22c333'.findAll('[0-9]+')", ["1", "22", "333"]),
        ("'a1b22c333'.findAll('[0-9]+', 2)", ["1", "22"]),
        # sets (ext.Sets)
        ("sets.contains([1, 2, 3], [2, 3])", True),
        ("sets.contains([1, 2], [4])", False),
        ("sets.equivalent([1, 2, 2], [2, 1])", True),
        ("sets.intersects([1, 2], [2, 5])", True),
        # URLs (library/urls.go)
        ("url('https://user@example.com:8443/a%20b?x=1&x=2').getScheme()", "https"),
        ("url('https://example.com:8443/p').getHost()", "example.com:8443"),
        ("url('https://[::1]:80/p').getHostname()", "::1"),
        ("url('https://[::1]:80/p').getPort()", "80"),
        ("url('https://example.com/p').getPort()", ""),
        ("url('https://example.com/a%20b').getEscapedPath()", "/a%20b"),
        ("url('https://example.com/?x=1&x=2&y=').getQuery()", {"x": ["1", "2"], "y": [""]}),
        ("url('/relative/path').getEscapedPath()", "/relative/path"),
        ("isURL('https://example.com')", True),
        ("isURL('not a url')", False),
        ("isURL('example.com')", False),
        # IPs and CIDRs (library/ip.go, library/cidr.go)
        ("isIP('10.0.0.1')", True),
        ("isIP('::1')", True),
        ("isIP('10.0.0.256')", False),
        ("isIP('fe80::1%eth0')", False),
        ("isIP('::ffff:10.0.0.1')", False),
        ("ip('10.0.0.1').family()", 4),
        ("ip('2001:db8::1').family()", 6),
        ("ip.isCanonical('2001:db8::1')", True),
        ("ip.isCanonical('2001:DB8::1')", False),
        ("ip('0.0.0.0').isUnspecified()", True),
        ("ip('127.0.0.1').isLoopback()", True),
        ("ip('224.0.0.1').isLinkLocalMulticast()", True),
        ("ip('fe80::1').isLinkLocalUnicast()", True),
        ("ip('8.8.8.8').isGlobalUnicast()", True),
        ("ip('255.255.255.255').isGlobalUnicast()", False),
        ("string(ip('2001:db8:0::1'))", "2001:db8::1"),
        ("ip('10.0.0.1') == ip('10.0.0.1')", True),
        ("isCIDR('10.0.0.0/8')", True),
        ("isCIDR('10.0.0.0')", False),
        ("cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))", True),
        ("cidr('10.0.0.0/8').containsIP('11.0.0.1')", False),
        ("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", True),
        ("cidr('10.0.0.0/16').containsCIDR(cidr('10.0.0.0/8'))", False),
        ("cidr('10.1.2.3/8').prefixLength()", 8),
        ("string(cidr('10.1.2.3/8').masked())", "10.0.0.0/8"),
        ("string(cidr('10.1.2.3/8').ip())", "10.1.2.3"),
        # quantity (library/quantity.go)
        ("isQuantity('500m')", True),
        ("isQuantity('5 Gi')", False),
        ("quantity('1Gi').isGreaterThan(quantity('1G'))", True),
        ("quantity('500m').isLessThan(quantity('1'))", True),
        ("quantity('1k').compareTo(quantity('1000'))", 0),
        ("quantity('2').isInteger()", True),
        ("quantity('500m').isInteger()", False),
        ("quantity('2k').asInteger()", 2000),
        ("quantity('500m').asApproximateFloat()", 0.5),
        ("quantity('-1').sign()", -1),
        ("quantity('0').sign()", 0),
        ("quantity('500m').add(quantity('500m')) == quantity('1')", True),
        ("quantity('1').sub(1).sign()", 0),
        # ext.Lists version 3 (Kubernetes 1.34+)
        ("[1, 2, 1, 3].distinct()", [1, 2, 3]),
        ("[1, [2, [3]]].flatten()", [1, 2, [3]]),
        ("[1, [2, [3]]].flatten(2)", [1, 2, 3]),
        ("lists.range(3)", [0, 1, 2]),
        ("[1, 2, 3].reverse()", [3, 2, 1]),
        ("[1, 2, 3, 4].slice(1, 3)", [2, 3]),
        ("['b', 'a'].sort()", ["a", "b"]),
        ("[4, 5].first().value()", 4),
        ("[4, 5].last().value()", 5),
        ("[].first().hasValue()", False),
        ("[3, 1, 2].sortBy(x, -x)", [3, 2, 1]),
        ("[{'n': 'b'}, {'n': 'a'}].sortBy(o, o.n).map(o, o.n)", ["a", "b"]),
        # two-variable comprehensions (ext.TwoVarComprehensions, Kubernetes 1.32+)
        ("{'a': 1, 'bb': 2}.all(k, v, v > 0 && k.size() == v)", True),
        ("['x', 'y'].exists(i, v, i == 1 && v == 'y')", True),
        ("[5, 1].exists_one(i, v, i == v)", True),
        ("[1, 2, 3].transformList(i, v, v * 2)", [2, 4, 6]),
        ("[1, 2, 3].transformList(i, v, i > 0, v * 2)", [4, 6]),
        ("{'a': 1}.transformMap(k, v, v + 1)", {"a": 2}),
        ("{'a': 1, 'b': 2}.transformMap(k, v, k == 'b', v * 10)", {"b": 20}),
        ("[{'name': 'a'}].all(i, item, has(item.name) && item.name != '')", True),
        # semver (library/semverlib.go, Kubernetes 1.33+)
        ("isSemver('1.2.3-rc.1+build.5')", True),
        ("isSemver('v1.2')", False),
        ("isSemver('v1.2', true)", True),
        ("semver('1.2.3').major() + semver('1.2.3').minor() + semver('1.2.3').patch()", 6),
        ("semver('01.2', true) == semver('1.2.0')", True),
        ("semver('1.10.0').isGreaterThan(semver('1.9.0'))", True),
        ("semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", True),
        ("semver('1.0.0-alpha.2').compareTo(semver('1.0.0-alpha.10'))", -1),
        ("semver('1.0.0-alpha.beta').compareTo(semver('1.0.0-alpha.1'))", 1),
        ("semver('1.0.0+a').compareTo(semver('1.0.0+b'))", 0),
        ("string(semver('1.2.3'))", "1.2.3"),
        # format (library/format.go, Kubernetes 1.31+)
        ("format.dns1123Label().validate('my-name').hasValue()", False),
        ("format.dns1123Label().validate('My_Name').value().size()", 1),
        ("format.dns1123Label().validate('" + "a" * 64 + "').hasValue()", True),
        ("format.named('dns1035Label').value().validate('1abc').hasValue()", True),
        ("format.named('no-such-format').hasValue()", False),
        ("format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", False),
        ("format.qualifiedName().validate('example.com/My.Name').hasValue()", False),
        ("format.qualifiedName().validate('a/b/c').hasValue()", True),
        ("format.dns1123LabelPrefix().validate('my-prefix-').hasValue()", False),
        ("format.dns1035LabelPrefix().validate('1-').hasValue()", True),
        ("format.labelValue().validate('').hasValue()", False),
        ("format.uri().validate('https://example.com').hasValue()", False),
        ("format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", False),
        ("format.byte().validate('aGk=').hasValue() || format.byte().validate('a').hasValue()", True),
        ("format.date().validate('2024-02-30').hasValue()", True),
        ("format.datetime().validate('2024-02-01T10:00:00.5Z').hasValue()", False),
        ("format.dns1123Label().validate('-x').value()[0].startsWith('a lowercase RFC 1123 label must')", True),
        # optional types, as cel.OptionalTypes() enables them
        ("optional.of(1).hasValue()", True),
        ("optional.none().orValue(2)", 2),
        ("{'a': 1}.?a.orValue(0)", 1),
        ("{'a': 1}.?b.orValue(0)", 0),
        ("{'a': {'b': 2}}.?a.?b.value()", 2),
        ("{'a': 1}[?'a'].hasValue()", True),
        ("[1, 2][?5].hasValue()", False),
        ("optional.ofNonZeroValue('').hasValue()", False),
        # the standard macros
        ("[1, 2, 3].all(x, x > 0) && [1, 2].exists(x, x == 2) && [1, 2].exists_one(x, x > 1)", True),
        ("[1, 2, 3].filter(x, x > 1).map(x, x * 10)", [20, 30]),
        ("has({'a': 1}.a) && !has({'a': 1}.b)", True),
    ],
)
def test_library_function(expression: str, expected: Any) -> None:
    assert evaluate(expression) == expected


@pytest.mark.parametrize(
    ("expression", "error"),
    [
        ("'abc'.substring(2, 1)", "index out of range"),
        ("'abc'.charAt(4)", "index out of range"),
        ("[].min()", "min called on empty list"),
        ("[].max()", "max called on empty list"),
        ("url('example.com/x')", "URL parse error"),
        ("ip('10.0.0.300')", "parse error"),
        ("cidr('10.0.0.0')", "parse error"),
        ("quantity('1 Gi')", "quantities must match"),
        ("quantity('500m').asInteger()", "cannot convert value to integer"),
        ("'%d'.format(['x'])", "decimal clause can only be used on integers"),
        ("'%s %s'.format(['x'])", "out of range"),
        ("'a'.find('(a')", "invalid regex"),
        ("'aa'.find('(a)\\\\1')", "RE2"),
        ("semver('1.2')", "semver parse error"),
        ("[1, 2].slice(1, 5)", "cannot slice"),
        ("[1, 'a'].sort()", "same type"),
    ],
)
def test_library_errors(expression: str, error: str) -> None:
    with pytest.raises(Exception, match=error):
        evaluate(expression)


def test_self_variable() -> None:
    assert evaluate("self.items.map(i, i.name).join(',')", self={"items": [{"name": "a"}, {"name": "b"}]}) == "a,b"


@pytest.mark.parametrize(
    ("source", "rewritten"),
    [
        ("self.?a.orValue(1)", "_k8s_opt_select(self,'a').orValue(1)"),
        ("!self.x[0].?y.hasValue()", "!_k8s_opt_select(self.x[0],'y').hasValue()"),
        ("f(self).?z", "_k8s_opt_select(f(self),'z')"),
        ("self.a[?'k'].?b", "_k8s_opt_select(_k8s_opt_index(self.a,'k'),'b')"),
        ("'a.?b' == self.c", "'a.?b' == self.c"),
    ],
)
def test_optional_syntax_rewrite(source: str, rewritten: str) -> None:
    assert rewrite(source) == rewritten


def test_scan_counts_comprehension_nesting() -> None:
    assert scan("self.size() > 0").depth == 0
    assert scan("self.all(a, a > 0) && self.exists(b, b > 1)").depth == 1
    assert scan("self.all(l1, self.exists_one(l2, l1.name == l2.name))").depth == 2
    assert scan("'.all(' == self").depth == 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20), st.text(min_size=1, max_size=3), st.integers(min_value=-1, max_value=5))
def test_split_and_join_agree_with_go(text: str, separator: str, limit: int) -> None:
    parts = evaluate("self.s.split(self.sep, self.n)", self={"s": text, "sep": separator, "n": limit})
    if limit == 0:
        assert parts == []
    else:
        assert separator.join(parts) == text
        assert limit < 0 or len(parts) <= limit


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
def test_ascii_case_changes_only_ascii(text: str) -> None:
    lower = evaluate("self.lowerAscii()", self=text)
    assert len(lower) == len(text)
    assert all(a == b or (b.isascii() and a == b.lower()) for a, b in zip(lower, text, strict=True))
