function isMissingArrow(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes("'apache-arrow'");
}

/**
 * Imports a module of core that needs apache-arrow (an optional peer dependency), or gives undefined when
 * apache-arrow is not installed. A value can only be an Arrow `Table` if its author installed apache-arrow,
 * so the Arrow code is needed exactly when it can load. Used in a top-level `await`, the one way an ES module
 * can depend on a package that may be missing.
 *
 * @example
 * const arrowFrames = await importWithArrow(() => import('./arrow-frame.js'));
 */
export async function importWithArrow<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (isMissingArrow(error)) return undefined;
    throw error;
  }
}

/** The error for an Arrow `Table` met where apache-arrow cannot be loaded (two installs that disagree). */
export function arrowMissing(): TypeError {
  return new TypeError('An apache-arrow Table needs the apache-arrow package installed next to @inferschema/core (npm install apache-arrow)');
}
