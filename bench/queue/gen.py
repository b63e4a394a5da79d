"""Job set for bench/queue/run.sh: COUNT .npy files of KIB KiB each (a noisy float64 signal, compressible as
recordings are), written to DIR."""
import os
import sys

import numpy as np

folder, count, kib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)
rng = np.random.default_rng(11)
n = kib * 1024 // 8
t = np.arange(n) / 1000.0
for i in range(count):
    signal = np.round(np.sin(t * (1 + i % 7)) * 1000 + rng.normal(0, 5, n)) / 8
    np.save(os.path.join(folder, f"r{i:05d}.npy"), signal.reshape(-1, 8))
