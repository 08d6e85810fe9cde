/**
 * @inferschema/openapi: the service documents of an entry script in Swagger 2.0, OpenAPI 3.0 and 3.1, built
 * from the script's schemas with the structure of the Azure ML template, and the user-supplied documents that
 * replace them.
 *
 * @module
 */
export {
  buildServiceDocument,
  type ServiceDocument,
  type ServiceDocumentOptions,
  type ServiceDocuments,
  type ServiceSchemas,
} from './build-service-document.js';
export { serviceSchemasOf } from './service-schemas.js';
export { OPENAPI_VERSION_ALIASES, parseOpenApiVersion, versionName } from './document-version.js';
export { serializeDocument } from './serialize-document.js';
export { DEFAULT_SERVICE_INFO, normalizePathPrefix, serviceInfoFromEnv, type ServiceInfo } from './service-info.js';
export { UnsupportedVersionError, type InexpressibleSchema } from './unsupported-version-error.js';
export { describeOipModel, type OipModelDescription } from './versions/oip-paths.js';
export { loadUserDocument, USER_DOCUMENT_FILES, type UserDocument } from './user-document.js';
