import { arrowFrames } from './arrow-frames.js';
import { arrowMissing } from './optional-arrow.js';
import { DanfoFrameAdapter, isDanfoFrame } from './danfo-frame.js';
import type { FrameAdapter } from './frame-data.js';
import { isArrowTable } from './is-arrow-table.js';
import { PlainFrameAdapter, type PlainFrame } from './plain-frame.js';

function isPlainFrame(value: unknown): value is PlainFrame {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every((column) => Array.isArray(column) || ArrayBuffer.isView(column));
}

/**
 * The adapter for a frame's kind: an apache-arrow `Table`, a danfojs `DataFrame`, or a plain
 * `{ column: values[] }` object.
 *
 * `mixed: 'scalar'` (for frames being encoded) accepts plain columns that mix kinds, as `decode` builds
 * them under `enforceColumnType: false`.
 *
 * @throws TypeError for anything else, or a frame whose columns have no JSON form.
 */
export function frameAdapterFor(frame: unknown, mixed: 'reject' | 'scalar' = 'reject'): FrameAdapter<unknown> {
  if (isArrowTable(frame)) {
    if (!arrowFrames) throw arrowMissing();
    return new arrowFrames.ArrowFrameAdapter(frame) as FrameAdapter<unknown>;
  }
  if (isDanfoFrame(frame)) return new DanfoFrameAdapter(frame) as FrameAdapter<unknown>;
  if (isPlainFrame(frame)) return new PlainFrameAdapter(frame, mixed) as FrameAdapter<unknown>;
  throw new TypeError('A DataFrame must be an apache-arrow Table, a danfojs DataFrame or a { column: values[] } object of arrays');
}
