// The api's side of reading an uploaded plan document: the reader lives in libs/platform (the CLI uses it
// too); a document it cannot read becomes the api's error shape with the reader's status and code.
import { loadDocumentReader, type DocumentKind, type UploadedDocument } from '#platform';
import { ApiError } from '../http/api-error.js';

const reader = await loadDocumentReader();

export type { DocumentKind, UploadedDocument };
export const MAX_DOCUMENT_BYTES = reader.MAX_DOCUMENT_BYTES;
export const documentKind = reader.documentKind;

/** the text of an uploaded document; 415 for a kind we do not read, 422 for a scan or a broken file */
export async function documentText(file: UploadedDocument): Promise<{ kind: DocumentKind; text: string }> {
  try {
    return await reader.documentText(file);
  } catch (error) {
    if (error instanceof reader.DocumentError)
      throw new ApiError(error.status, error.code, error.message, error.details);
    throw error;
  }
}
