"""What a home-grown worker does with NumPy, in one process: every file in INBOX converted to a compressed .npz in
OUTBOX (written to a temporary name, then renamed), its input then moved to DONE. The same conversions as the
formats worker with bench/worker/worker.json: *.npy -> member named after the file; *.dat -> int16 reshaped (-1, 64).

    python3 numpy_worker.py INBOX OUTBOX DONE
"""
import os
import sys

import numpy as np


def convert(inbox, outbox, done):
    count = 0
    for name in sorted(os.listdir(inbox)):
        if name.startswith('.') or name.endswith(('.tmp', '.part')):
            continue
        path = os.path.join(inbox, name)
        stem, ext = os.path.splitext(name)
        if ext == '.dat':
            array = np.fromfile(path, dtype='<i2').reshape(-1, 64)
        else:
            array = np.load(path)
        temporary = os.path.join(outbox, f'.{stem}.npz.tmp')
        with open(temporary, 'wb') as f:
            np.savez_compressed(f, **{stem: array})
        os.replace(temporary, os.path.join(outbox, stem + '.npz'))
        os.replace(path, os.path.join(done, name))
        count += 1
    return count


if __name__ == '__main__':
    print(convert(*sys.argv[1:4]))
