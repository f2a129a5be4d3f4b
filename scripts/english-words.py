#!/usr/bin/env python3
"""Build rules/data/dictionaries/en.words, galley's built-in English word list, from SCOWL.

The input is the plain word lists of Debian's `scowl` source package (the wamerican-* and
wbritish-* packages), extracted into one folder:

    apt-get download wamerican-small wamerican wamerican-large wamerican-huge \
        wbritish-small wbritish wbritish-large wbritish-huge
    for f in *.deb; do dpkg -x "$f" x; done
    python3 scripts/english-words.py x/usr/share/dict > rules/data/dictionaries/en.words

Each output line is `word<TAB>class[region]`, sorted by bytes so that galley can search the file
as it is compiled into the binary, with nothing to build at start-up:

  class   the smallest SCOWL size that holds the word: 1 = small (size 35, common words),
          2 = medium (50), 3 = large (70), 4 = huge (80, rare words). galley reads it as a
          word-frequency class when ranking suggestions.
  region  `a`: American spelling only (in the wamerican lists, not the wbritish ones);
          `g`: British only; nothing: both.

Possessives (`word's`) are left out: galley strips a possessive ending before it looks a word up.
"""
import os
import sys

LEVELS = [("small", 1), ("", 2), ("large", 3), ("huge", 4)]


def read(folder, region, level):
    name = "%s-english%s" % (region, "-" + level if level else "")
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and not w.strip().endswith("'s")}


def main():
    folder = sys.argv[1]
    classes = {}
    regions = {}
    for region in ("american", "british"):
        for level, cls in LEVELS:
            for word in read(folder, region, level):
                classes[word] = min(classes.get(word, 9), cls)
                regions.setdefault(word, set()).add(region[0])
    out = sys.stdout.buffer
    for word in sorted(classes, key=lambda w: w.encode("utf-8")):
        r = regions[word]
        tag = "" if len(r) == 2 else ("a" if "a" in r else "g")
        out.write(("%s\t%d%s\n" % (word, classes[word], tag)).encode("utf-8"))


if __name__ == "__main__":
    main()
