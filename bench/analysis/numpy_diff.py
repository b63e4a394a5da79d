# The NumPy side of 'formats diff A B --rtol 1e-5': the indices where the arrays are not close, and their count.
import sys

import numpy as np

a = np.load(sys.argv[1], mmap_mode='r')
b = np.load(sys.argv[2], mmap_mode='r')
w = np.argwhere(~np.isclose(a, b, rtol=1e-5))
print(len(w), w[:3].tolist())
