"""Writes the load run's inputs: N small .npy files (float64, 1,000 values each) and M raw int16 recordings of
MIB MiB each (a noisy sine in 64 channels, as an acquisition card writes them).

    python3 gen.py DIR N M MIB
"""
import os
import sys

import numpy as np

folder, small, large, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(10)
os.makedirs(os.path.join(folder, 'small'), exist_ok=True)
os.makedirs(os.path.join(folder, 'large'), exist_ok=True)
for i in range(small):
    np.save(os.path.join(folder, 'small', f's{i:04d}.npy'), rng.standard_normal(1000).round(3))
rows = (mib << 20) // (64 * 2)
block = 1 << 16
for i in range(large):
    with open(os.path.join(folder, 'large', f'rec{i:02d}.dat'), 'wb') as f:
        for start in range(0, rows, block):
            n = min(block, rows - start)
            t = np.arange(start, start + n)[:, None] * 0.001 + np.arange(64)[None, :]
            signal = 3000 * np.sin(t) + rng.normal(0, 30, (n, 64))
            signal.astype('<i2').tofile(f)
