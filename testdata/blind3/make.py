#!/usr/bin/env python3
"""Write the third blind set: every src/NN-*.py source into its document and
its expectation (NN-name.expect), with the second set's helpers
(../blind2/src/lib.py) and driver (../blind2/make.py). The LibreOffice
documents need soffice.

    python3 testdata/blind3/make.py            # all
    python3 testdata/blind3/make.py 03 05      # some
    python3 testdata/blind3/make.py --review   # print every executor cell and its reading
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("blind2_make", os.path.join(HERE, "..", "blind2", "make.py"))
driver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(driver)

if __name__ == "__main__":
    driver.HERE = HERE  # sources from, documents to, this folder
    driver.main(sys.argv[1:])
