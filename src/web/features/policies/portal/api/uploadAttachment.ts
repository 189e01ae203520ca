import { api } from '../../../../api/client.ts';
import type { ApplicationFile } from '../../../../api/types.ts';
import type { UploadState } from '../components/ApplicationFormView.tsx';

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

/**
 * Uploads a form's files one after the other, reporting every file's state through `onUpload`. Returns the
 * name of the first file that failed (the others are still sent), or null; with `stopOnError` the first
 * failure is thrown instead and nothing after it is sent.
 */
export async function uploadFormFiles(
  applicationId: number,
  files: readonly { fieldKey: string; file: File }[],
  onUpload: (uploads: UploadState[]) => void,
  { stopOnError = false } = {},
): Promise<string | null> {
  const uploads: UploadState[] = files.map(({ fieldKey, file }) => ({ fieldKey, name: file.name, percent: 0, status: 'waiting' }));
  onUpload([...uploads]);
  let failed: string | null = null;
  for (const [index, { fieldKey, file }] of files.entries()) {
    uploads[index] = { ...uploads[index], status: 'uploading' };
    onUpload([...uploads]);
    try {
      await uploadAttachment({
        applicationId,
        fieldKey,
        file,
        onProgress: (percent) => {
          uploads[index] = { ...uploads[index], percent };
          onUpload([...uploads]);
        },
      });
      uploads[index] = { ...uploads[index], percent: 100, status: 'done' };
    } catch (error) {
      if (stopOnError) throw error;
      uploads[index] = { ...uploads[index], status: 'error' };
      failed ??= file.name;
    }
    onUpload([...uploads]);
  }
  return failed;
}
