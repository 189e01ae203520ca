import { api } from '../../../api/client.ts';
import type { ApplicationFile } from '../../../api/types.ts';

export interface UploadAttachmentInput {
  applicationId: number;
  fieldKey: string;
  file: File;
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** Attaches a file to an application (multipart, the field key first so the server knows where it goes). */
export function uploadAttachment(input: UploadAttachmentInput): Promise<ApplicationFile> {
  const form = new FormData();
  form.append('fieldKey', input.fieldKey);
  form.append('file', input.file, input.file.name);
  return api.upload<ApplicationFile>(`/api/applications/${input.applicationId}/files`, form, { onProgress: input.onProgress, signal: input.signal });
}
