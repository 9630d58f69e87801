#!/usr/bin/env python3
"""Writes the compact Public Suffix List that redaction embeds.

Usage: python3 scripts/public-suffixes.py public_suffix_list.dat \
         > crates/engine/src/dns_records/public_suffixes.txt

Input: the Public Suffix List (https://publicsuffix.org/list/, MPL 2.0), both
its ICANN and PRIVATE sections. Output: the rules as a tree of labels, right
to left: one line per top-level label, then the labels under it separated by
spaces, each followed by the labels under it in parentheses
(`jp ac kyoto(ayabe kyotango) …` stands for `ac.jp kyoto.jp ayabe.kyoto.jp
kyotango.kyoto.jp …`). A label that is only the parent of rules, not a rule
itself, starts with `?` (`app ?brave(?s(*))` is `*.s.brave.app` alone); `*`
and `!www` keep their wildcard and exception meaning. Rules of one label are
left out: the list's implicit `*` rule already makes every last label a
public suffix. Unicode labels are written in their `xn--` (punycode) form, as
redaction keys domains so. The tree writes each shared label once, so the
text is small and compresses well in the gzipped wasm.
"""
import sys


def ascii_label(label):
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def main(path):
    # A tree of labels, right to left: {label: (is_rule, children)}.
    tree = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rule = line.strip().split()[0] if line.strip() else ""
            if not rule or rule.startswith("//"):
                continue
            exception = rule.startswith("!")
            labels = [ascii_label(l.lower()) for l in rule.lstrip("!").split(".")]
            if exception:
                labels[0] = "!" + labels[0]
            node = tree
            for i, label in enumerate(reversed(labels)):
                entry = node.setdefault(label, [False, {}])
                if i == len(labels) - 1:
                    entry[0] = True
                node = entry[1]
    for tld in sorted(tree):
        children = tree[tld][1]
        if children:
            print(tld, items(children))


def items(children):
    """`co gov kyoto(ayabe …) ?s(*)`: the children of one label, sorted."""
    out = []
    for label in sorted(children, key=lambda l: l.lstrip("!")):
        is_rule, grandchildren = children[label]
        word = label if is_rule else "?" + label
        if grandchildren:
            word += "(" + items(grandchildren) + ")"
        out.append(word)
    return " ".join(out)


if __name__ == "__main__":
    main(sys.argv[1])
