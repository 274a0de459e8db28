#!/usr/bin/env python3
"""Reference for the CLI scale run: PyYAML (libyaml's C loader) reading the same bytes.

  pyyaml_reference.py repo BARE_REPO   every blob of HEAD's tree, read with `git cat-file --batch`
  pyyaml_reference.py file FILE        every document of one multi-document YAML file

Prints the number of documents and the wall time; the loaded documents are kept until the end,
as the CLI keeps its desired state.
"""
import subprocess
import sys
import threading
import time

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def blobs(repo):
    tree = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.splitlines()
    ids = [line.split()[2] for line in tree if line.endswith((".yaml", ".yml", ".json"))]
    cat = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)
    def feed():
        cat.stdin.write(("\n".join(ids) + "\n").encode())
        cat.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    for _ in ids:
        header = cat.stdout.readline().split()
        size = int(header[2])
        data = cat.stdout.read(size)
        cat.stdout.read(1)
        yield data
    cat.wait()


def main():
    start = time.monotonic()
    docs = []
    if sys.argv[1] == "repo":
        for data in blobs(sys.argv[2]):
            docs.extend(d for d in yaml.load_all(data, Loader=Loader) if d is not None)
    else:
        with open(sys.argv[2], "rb") as f:
            docs.extend(d for d in yaml.load_all(f.read(), Loader=Loader) if d is not None)
    print(f"{len(docs)} documents in {time.monotonic() - start:.2f} s ({Loader.__name__})")


main()
