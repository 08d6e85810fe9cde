import { importWithArrow } from './optional-arrow.js';

/** The Arrow frame adapter, or undefined when apache-arrow (an optional peer dependency) is not installed. */
export const arrowFrames = await importWithArrow(() => import('./arrow-frame.js'));
