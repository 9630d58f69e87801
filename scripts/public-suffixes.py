#!/usr/bin/env python3
"""Writes the compact Public Suffix List that redaction embeds.

Usage: python3 scripts/public-suffixes.py public_suffix_list.dat \
         > crates/engine/src/export/redact/public_suffixes.txt

Input: the Public Suffix List (https://publicsuffix.org/list/, MPL 2.0), both
its ICANN and PRIVATE sections. Output: one line per top-level label, then the
rest of each rule under it, left of that label, separated by spaces
(`uk ac co gov …` stands for `ac.uk co.uk gov.uk …`; `*` and `!www` keep
their wildcard and exception meaning). Rules of one label are left out: the
list's implicit `*` rule already makes every last label a public suffix.
Unicode labels are written in their `xn--` (punycode) form, as redaction keys
domains so. Grouping by the last label makes the text compress well in the
gzipped wasm.
"""
import sys


def ascii_label(label):
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def main(path):
    groups = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rule = line.strip().split()[0] if line.strip() else ""
            if not rule or rule.startswith("//"):
                continue
            exception = rule.startswith("!")
            labels = [ascii_label(l.lower()) for l in rule.lstrip("!").split(".")]
            tld, rest = labels[-1], labels[:-1]
            children = groups.setdefault(tld, [])
            if rest:
                children.append(("!" if exception else "") + ".".join(rest))
    key = lambda r: list(reversed(r.lstrip("!").split(".")))
    for tld in sorted(groups):
        children = sorted(set(groups[tld]), key=key)
        if children:
            print(tld, *children)


if __name__ == "__main__":
    main(sys.argv[1])
