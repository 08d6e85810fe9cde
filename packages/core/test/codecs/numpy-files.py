"""Writes .npy files with numpy itself, for packages/core/test/codecs/npy-numpy.test.ts.

Usage: python3 numpy-files.py write DIR      -> DIR/<name>.npy and DIR/manifest.json (expected values)
       python3 numpy-files.py read FILE...   -> JSON of each file as numpy reads it (round trips)
"""
import json
import sys

import numpy as np


def values_of(array):
    if array.dtype.kind == 'M':
        return [str(v) for v in array.astype('datetime64[ms]').astype('int64').ravel().tolist()]
    if array.dtype.kind in 'iu':
        return [str(v) for v in array.ravel().tolist()]
    return array.ravel().tolist()


def cases():
    rng = np.arange(24)
    yield 'float64-le', rng.reshape(2, 3, 4).astype('<f8') / 7
    yield 'float64-be', (rng.reshape(4, 6) / 3).astype('>f8')
    yield 'float32-le', (rng.reshape(6, 4) / 5).astype('<f4')
    yield 'float32-be', (rng.reshape(6, 4) / 5).astype('>f4')
    yield 'i1', (rng.reshape(3, 8) - 5).astype('i1')
    yield 'u1', rng.reshape(3, 8).astype('u1')
    yield 'b1', rng.reshape(3, 8) % 3 == 1
    for code in ['i2', 'i4', 'i8', 'u2', 'u4', 'u8']:
        for order in '<>':
            base = rng.reshape(4, 6).astype(code) * 1000
            if code == 'i8':
                base[0, 0] = -(2 ** 63)
                base[0, 1] = 2 ** 62 + 1
            if code == 'u8':
                base[0, 0] = 2 ** 64 - 1
            if code[0] == 'i':
                base[1] = -base[1]
            yield f'{code}-{"le" if order == "<" else "be"}', base.astype(order + code)
    yield 'fortran-2d', np.asfortranarray((rng.reshape(4, 6) / 4).astype('<f8'))
    yield 'fortran-3d-be', np.asfortranarray(rng.reshape(2, 3, 4).astype('>i4'))
    yield 'unicode', np.array([['a', 'héllo'], ['日本', '😀 x']])
    yield 'unicode-be', np.array([['ab', 'c']], dtype='>U3')
    yield 'datetime64-ms', np.array([['2024-01-02T03:04:05.678', '1969-12-31T23:59:59.999']], dtype='datetime64[ms]')
    yield 'datetime64-s', np.array(['2024-01-02T03:04:05', '2000-02-29T00:00:00'], dtype='datetime64[s]')
    yield 'datetime64-ns', np.array(['2024-01-02T03:04:05.123456789'], dtype='datetime64[ns]')
    yield 'datetime64-D', np.array(['2024-01-02', '1900-03-01'], dtype='datetime64[D]')
    yield 'zero-d', np.array(3.5)
    yield 'empty-1d', np.zeros((0,), dtype='<f8')
    yield 'empty-2d', np.zeros((0, 3), dtype='<i4')
    yield 'one-d', np.array([1.5, -2.25, 1e300], dtype='<f8')


def write(directory):
    manifest = {}
    for name, array in cases():
        path = f'{directory}/{name}.npy'
        np.save(path, array)
        manifest[name] = {'descr': np.lib.format.dtype_to_descr(array.dtype), 'shape': list(array.shape), 'fortran': bool(np.isfortran(array)) and array.ndim > 1, 'values': values_of(array)}
    # The same array in each format version numpy writes.
    for version in [(1, 0), (2, 0), (3, 0)]:
        name = f'version-{version[0]}'
        array = rng_array = np.arange(6, dtype='<f8').reshape(2, 3)
        with open(f'{directory}/{name}.npy', 'wb') as file:
            np.lib.format.write_array(file, rng_array, version=version)
        manifest[name] = {'descr': '<f8', 'shape': [2, 3], 'fortran': False, 'values': values_of(array)}
    with open(f'{directory}/manifest.json', 'w') as file:
        json.dump(manifest, file)


def read(paths):
    out = {}
    for path in paths:
        array = np.load(path, allow_pickle=False)
        out[path] = {'descr': np.lib.format.dtype_to_descr(array.dtype), 'shape': list(array.shape), 'values': values_of(array)}
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2])
    else:
        read(sys.argv[2:])
