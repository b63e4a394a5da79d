"""Checks every output in OUT (NAME.npz) against its input SRC/NAME.npy with NumPy; prints 'N ok'."""
import os
import sys

import numpy as np

src, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(src) if n.endswith(".npy"))
outputs = sorted(os.listdir(out))
assert outputs == [n[:-4] + ".npz" for n in names], (len(outputs), len(names))
for n in names:
    with np.load(os.path.join(out, n[:-4] + ".npz")) as z:
        assert len(z.files) == 1 and np.array_equal(z[z.files[0]], np.load(os.path.join(src, n))), n
print(len(names), "ok")
