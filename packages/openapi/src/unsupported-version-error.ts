import type { OpenApiVersion } from '@inferschema/core';
import { versionName } from './document-version.js';

/** Where a schema holds something a document version cannot say, and what. */
export interface InexpressibleSchema {
  /** JSON Pointer of the schema in the document, e.g. `/definitions/ServiceInput/properties/data/items`. */
  readonly pointer: string;
  /** What it is, in words, e.g. `a union of schemas (anyOf)`. */
  readonly construct: string;
}

function listVersions(versions: readonly OpenApiVersion[]): string {
  return versions.length ? versions.map(versionName).join(', ') : 'none';
}

function describe(version: OpenApiVersion, supported: readonly OpenApiVersion[], problem?: InexpressibleSchema): string {
  const reason = problem
    ? `${problem.pointer} is ${problem.construct}, which ${versionName(version)} cannot express`
    : `the script's schemas do not fit ${versionName(version)}`;
  return `Cannot generate the ${versionName(version)} document: ${reason}. Versions that work: ${listVersions(supported)}.`;
}

/**
 * Thrown when a service document is asked for in a version its schemas cannot be written in. The message
 * names the reason and the versions that work.
 *
 * @example
 * try { buildServiceDocument(schemas, { version: '2.0' }) } catch (error) {
 *   if (error instanceof UnsupportedVersionError) console.error(error.message);
 *   // Cannot generate the Swagger 2.0 document: /definitions/ServiceInput/properties/x/items is a union of
 *   // schemas (anyOf), which Swagger 2.0 cannot express. Versions that work: OpenAPI 3.0, OpenAPI 3.1.
 * }
 */
export class UnsupportedVersionError extends Error {
  override readonly name = 'UnsupportedVersionError';
  /** The version that was asked for. */
  readonly version: OpenApiVersion;
  /** The versions the schemas fit. */
  readonly supportedVersions: readonly OpenApiVersion[];
  /** The first construct found that the version cannot express, when one was found. */
  readonly problem: InexpressibleSchema | undefined;

  constructor(version: OpenApiVersion, supportedVersions: readonly OpenApiVersion[], problem?: InexpressibleSchema) {
    super(describe(version, supportedVersions, problem));
    this.version = version;
    this.supportedVersions = Object.freeze([...supportedVersions]);
    this.problem = problem ? Object.freeze({ ...problem }) : undefined;
  }
}
