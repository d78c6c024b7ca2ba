export * from './config/config.js';
export * from './database/embedded-postgres.js';
export * from './database/batch-scheduling.js';
export { embeddedClusterDir } from './database/postgres-user-place.js';
export * from './database/database.js';
export * from './database/migrations.js';
export * from './config/secrets.js';
export * from './database/resilience.js';
export type { DocumentError, DocumentKind, UploadedDocument } from './documents/plan-document.js';
/**
 * The plan-document reader (PDF through pdfjs-dist, Word through mammoth), shared by the api's upload and the
 * CLI's import; loaded on first use, so processes that read no documents (the projector) start without it.
 */
export const loadDocumentReader = () => import('./documents/plan-document.js');
