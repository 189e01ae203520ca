import type { ApplicationFormField } from '../../../../api/types.ts';

/** What the server takes (applications.files.ts): PDF, PNG, JPEG, DOCX, XLSX up to 20 MB. */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg';
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const ATTACHMENT_NAME = /\.(pdf|png|jpe?g|docx|xlsx)$/i;

/** Why a chosen file cannot be attached, or null. */
export function attachmentProblem(file: { name: string; size: number }): 'fileTooLarge' | 'fileType' | null {
  if (!ATTACHMENT_NAME.test(file.name)) return 'fileType';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'fileTooLarge';
  return null;
}

/** A form field's label in the user's language. */
export function fieldLabel(field: Pick<ApplicationFormField, 'labelZh' | 'labelEn'>, language: string | undefined): string {
  return language?.startsWith('en') ? field.labelEn : field.labelZh;
}
