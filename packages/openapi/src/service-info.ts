/** What a service document says about the service itself. */
export interface ServiceInfo {
  /** `info.title`. Default `ML service`. */
  readonly title: string;
  /** `info.version`. Default `1.0`. */
  readonly serviceVersion: string;
  /** Put in front of every path: `''` or `/` followed by the prefix without slashes at either end. */
  readonly pathPrefix: string;
}

/** The defaults of the Azure ML server. */
export const DEFAULT_SERVICE_INFO: ServiceInfo = Object.freeze({ title: 'ML service', serviceVersion: '1.0', pathPrefix: '' });

/**
 * Normalizes a path prefix the way the Azure ML server does: surrounding slashes are dropped and one leading
 * slash is added, so `test`, `/test/` and `test/` all give `/test`; an empty prefix stays empty.
 *
 * @example
 * normalizePathPrefix('/api/v1/'); // '/api/v1'
 */
export function normalizePathPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}

/**
 * Reads `SERVICE_NAME`, `SERVICE_VERSION` and `SERVICE_PATH_PREFIX`; unset or empty variables keep the
 * defaults. The result spreads into the options of `buildServiceDocument`.
 *
 * @example
 * serviceInfoFromEnv({ SERVICE_NAME: 'housing', SERVICE_PATH_PREFIX: 'v2/' });
 * // { title: 'housing', serviceVersion: '1.0', pathPrefix: '/v2' }
 */
export function serviceInfoFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ServiceInfo {
  return {
    title: env.SERVICE_NAME || DEFAULT_SERVICE_INFO.title,
    serviceVersion: env.SERVICE_VERSION || DEFAULT_SERVICE_INFO.serviceVersion,
    pathPrefix: normalizePathPrefix(env.SERVICE_PATH_PREFIX ?? ''),
  };
}
