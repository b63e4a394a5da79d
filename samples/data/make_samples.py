"""Regenerates the sample arrays in samples/data/ (run with /usr/bin/python3 from this folder)."""
import numpy as np

# The seed lesson's electrophysiology example: times (float64) and voltages (uint16).
np.save("ephys_times.npy", np.array([.1, .2, .3, .4], dtype=np.float64))
np.save("ephys_volts.npy", np.array([300, 678, 426, 378], dtype=np.uint16))
# A structured, big-endian, Fortran-ordered sample to show `formats info`.
grid = np.asfortranarray(np.arange(12, dtype=">i4").reshape(3, 4))
np.save("grid_fortran_be.npy", grid)
np.save("records.npy", np.array([(1.5, (2, 3), b"ab"), (2.5, (4, 5), b"cd")],
                                dtype=[("t", "<f8"), ("xy", "<i2", (2,)), ("tag", "S2")]))
