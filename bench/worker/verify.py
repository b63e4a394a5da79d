"""Checks one tool's results: every input converted (outputs and done folder complete, inbox empty) and every
output equal to its input as NumPy reads it.

    python3 verify.py SRC RESULT_DIR
"""
import os
import sys

import numpy as np

src, result = sys.argv[1], sys.argv[2]
problems = []
for kind in ('small', 'large'):
    inputs = sorted(os.listdir(os.path.join(src, kind)))
    run = os.path.join(result, kind)
    left = [n for n in os.listdir(os.path.join(run, 'in')) if not n.startswith('.')]
    if left:
        problems.append(f'{kind}: {len(left)} input(s) left in the inbox')
    done = sorted(os.listdir(os.path.join(run, 'done')))
    if done != inputs:
        problems.append(f'{kind}: done holds {len(done)} of {len(inputs)} inputs')
    outputs = sorted(n for n in os.listdir(os.path.join(run, 'out')) if not n.startswith('.'))
    if outputs != sorted(os.path.splitext(n)[0] + '.npz' for n in inputs):
        problems.append(f'{kind}: {len(outputs)} outputs for {len(inputs)} inputs')
        continue
    for name in inputs:
        stem, ext = os.path.splitext(name)
        path = os.path.join(src, kind, name)
        expected = np.fromfile(path, dtype='<i2').reshape(-1, 64) if ext == '.dat' else np.load(path)
        with np.load(os.path.join(run, 'out', stem + '.npz')) as archive:
            if list(archive) != [stem] or not np.array_equal(archive[stem], expected) or archive[stem].dtype != expected.dtype:
                problems.append(f'{kind}: {stem}.npz differs from {name}')
print('ok' if not problems else '; '.join(problems[:10]))
