#!/usr/bin/env python3
"""Write the third blind set's documents in other formats, each with its
expectation, into DIR, with the second set's converter (../blind2/convert.py):
every HTML document as .docx and as a converter's tab-separated text, every
.docx as LibreOffice HTML and .odt (real soffice).

    python3 testdata/blind3/convert.py DIR
    go test ./normalize -run TestBlind -v -blind.dir DIR -blind.v
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("blind2_convert", os.path.join(HERE, "..", "blind2", "convert.py"))
converter = importlib.util.module_from_spec(spec)
spec.loader.exec_module(converter)

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    converter.HERE = HERE  # documents and expectations from this folder
    converter.main(sys.argv[1])
