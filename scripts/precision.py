#!/usr/bin/env python3
"""Precision pass: run galley's whole rule pack over copy-edited English prose and count the
findings per rule, so that each finding can be read and judged.

The prose is The Rust Programming Language book as shipped in the Rust toolchain's rust-docs
component (copy-edited for print), converted from HTML to Markdown with code blocks and inline
code kept as code, so that galley sees only the prose. Nothing is written into the repository.

Usage:
    cargo build --release
    python3 scripts/precision.py [--docs DIR] [--out DIR]

It prints the number of files and words checked, the findings per rule, and writes every
finding to OUT/findings.txt (one line each, with the sentence it is in) for reading.
"""

import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys


def default_docs():
    found = sorted(glob.glob(os.path.expanduser("~/.rustup/toolchains/*/share/doc/rust/html/book")))
    return found[-1] if found else None


def html_to_markdown(page):
    main = re.search(r"<main>(.*?)</main>", page, re.S)
    body = main.group(1) if main else page
    body = re.sub(r"<(pre|script|style)\b.*?</\1>", "\n\n", body, flags=re.S)
    body = re.sub(r"<code[^>]*>(.*?)</code>", lambda m: "`" + re.sub(r"<[^>]+>", "", m.group(1)).replace("`", "") + "`", body, flags=re.S)
    body = re.sub(r"<h([1-6])[^>]*>(.*?)</h\1>", lambda m: "\n\n" + "#" * int(m.group(1)) + " " + m.group(2) + "\n\n", body, flags=re.S)
    body = re.sub(r"<li[^>]*>", "\n\n- ", body)
    body = re.sub(r"</?(p|div|section|ul|ol|table|tr|blockquote)[^>]*>", "\n\n", body)
    body = re.sub(r"<[^>]+>", "", body)
    body = html.unescape(body)
    body = re.sub(r"[ \t]+", " ", body)
    body = re.sub(r"\n\s*\n+", "\n\n", body)
    return body.strip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default=default_docs(), help="folder of the book's HTML pages")
    parser.add_argument("--out", default="/tmp/galley-precision", help="folder for the converted text and the findings")
    parser.add_argument("--galley", default="target/release/galley")
    args = parser.parse_args()
    if not args.docs or not os.path.isdir(args.docs):
        sys.exit("no book found: install the rust-docs component or pass --docs")
    os.makedirs(os.path.join(args.out, "text"), exist_ok=True)
    words = 0
    pages = sorted(p for p in glob.glob(os.path.join(args.docs, "ch*.html")) if "print" not in p)
    for page in pages:
        text = html_to_markdown(open(page, encoding="utf-8").read())
        words += len(re.sub(r"`[^`]*`", " ", text).split())
        name = os.path.splitext(os.path.basename(page))[0] + ".md"
        with open(os.path.join(args.out, "text", name), "w", encoding="utf-8") as f:
            f.write(text)
    result = subprocess.run(
        [args.galley, "check", "--isolated", "--format", "json", os.path.join(args.out, "text")],
        capture_output=True, text=True,
    )
    report = json.loads(result.stdout)
    counts = {}
    lines = []
    for d in report["diagnostics"]:
        counts[d["rule"]] = counts.get(d["rule"], 0) + 1
        source = open(d["path"], encoding="utf-8").read().split("\n")[d["line"] - 1]
        start = max(0, d["column"] - 60)
        lines.append(f'{d["rule"]}\t{os.path.basename(d["path"])}:{d["line"]}:{d["column"]}\t{d["message"]}\t…{source[start:d["column"] + 60]}…')
    with open(os.path.join(args.out, "findings.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(lines)) + "\n")
    print(f"{len(pages)} files, {words} words of prose")
    for rule, count in sorted(counts.items()):
        print(f"{rule}\t{count}")
    print(f"findings written to {os.path.join(args.out, 'findings.txt')}")


if __name__ == "__main__":
    main()
