import ndarray from 'ndarray';
import { NdArrayParameterType } from '@inferschema/core';

export const features = new NdArrayParameterType(ndarray(new Float32Array([5.1, 3.5, 1.4, 0.2, 6.2, 2.9, 4.3, 1.3]), [2, 4]));
