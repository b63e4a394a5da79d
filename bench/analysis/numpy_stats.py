# The NumPy side of 'formats stats FILE': the four reductions over the whole array, NaNs left out.
import sys
import warnings

import numpy as np

warnings.simplefilter('ignore')
a = np.load(sys.argv[1], mmap_mode='r')
print(np.nanmin(a), np.nanmax(a), np.nanmean(a), np.nanstd(a))
