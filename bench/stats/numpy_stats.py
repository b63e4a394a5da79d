# The NumPy side of bench/stats/run.sh: what 'formats stats FILE' computes, as a NumPy script does it.
import sys
import warnings

import numpy as np

warnings.simplefilter('ignore')
a = np.load(sys.argv[1], mmap_mode='r')
print(np.nanmin(a), np.nanmax(a), np.nanmean(a), np.nanstd(a))
