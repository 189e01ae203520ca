/** Attachments of an application (申报材料): who may add them and when, storing them, downloading them. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { removeStoredFile, type ReceivedFile } from '../../storage/files.ts';
import { recordAudit } from '../audit/index.ts';
import { ATTACHMENTS_PER_APPLICATION, attachmentType, cleanFileName, openAttachment, placeAttachment } from './applications.files.ts';
import { definitionsOf, evidenceKey } from './applications.declared.ts';
import type { PolicyFormField } from './applications.form.ts';
import { assertCanSeeApplication } from './applications.policy.ts';
import { presentFile } from './applications.presenter.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationFileView } from './applications.schemas.ts';

/** Statuses in which the enterprise may add attachments: before acceptance and while returned for completion. */
const ATTACHABLE: readonly string[] = ['submitted', 'returned'];

/**
 * Checks, before a byte is stored, that the actor may attach a file to this application under this field:
 * the applying enterprise, while the application is submitted or returned, a file field of the policy's
 * form (or 'other'), under the per-application limit.
 */
export async function assertCanAttach(db: Kysely<DB>, actor: Actor, id: number, fieldKey: string | undefined): Promise<void> {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  if (assertCanSeeApplication(actor, row) !== 'enterprise') throw new AppError('forbidden', 'Only the applying enterprise adds attachments');
  if (!ATTACHABLE.includes(row.status)) throw new AppError('conflict', `Attachments are added while the application is submitted or returned, not ${row.status}`);
  const version = await db.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select(['form_fields', 'declared_facts']).executeTakeFirstOrThrow();
  // Evidence of a declaration (申报时声明) is an attachment under declared_<key>.
  const evidenceKeys = definitionsOf(version).filter((d) => d.evidence !== 'none').map((d) => evidenceKey(d.key));
  const fileKeys = [...(version.form_fields as PolicyFormField[]).filter((f) => f.type === 'file').map((f) => f.key), ...evidenceKeys];
  if (!fieldKey || !(fileKeys.includes(fieldKey) || fieldKey === 'other')) {
    throw new AppError('validation_failed', 'fieldKey must name a file field of the form, or be "other"', [{ path: 'body/fieldKey', message: `one of: ${[...fileKeys, 'other'].join(', ')}` }]);
  }
  if ((await repo.countFiles(db, id)) >= ATTACHMENTS_PER_APPLICATION) throw new AppError('conflict', `An application has at most ${ATTACHMENTS_PER_APPLICATION} attachments`);
}

/**
 * Records an attachment already received and checked (type from its bytes): places the file, writes its
 * row, a timeline event and an audit entry. The file is removed again if the row cannot be written.
 */
export async function attachFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, upload: { fieldKey: string; fileName: string; file: ReceivedFile }): Promise<ApplicationFileView> {
  await assertCanAttach(db, actor, id, upload.fieldKey);
  const type = await attachmentType(upload.file, upload.fileName);
  if (!type) throw new AppError('unsupported_media_type', 'Attachments are PDF, PNG, JPEG, DOCX or XLSX files', [{ path: 'body/file', message: 'the file’s content is none of these types' }]);
  const relative = await placeAttachment(storageDir, upload.file, id, type.ext);
  try {
    const fileId = await db.transaction().execute(async (trx) => {
      if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
      const row = (await repo.findApplication(trx, id))!;
      // Re-checked under the lock: the department may have accepted it meanwhile.
      if (!ATTACHABLE.includes(row.status)) throw new AppError('conflict', `Attachments are added while the application is submitted or returned, not ${row.status}`);
      const inserted = await repo.insertFile(trx, {
        application_id: id,
        field_key: upload.fieldKey,
        file_name: cleanFileName(upload.fileName),
        content_type: type.contentType,
        size_bytes: upload.file.bytes,
        sha256: upload.file.sha256,
        storage_path: relative,
        uploaded_by: actor.userId,
      });
      await repo.insertEvent(trx, {
        application_id: id,
        actor_user_id: actor.userId,
        action: 'attach_file',
        from_status: row.status,
        to_status: row.status,
        step_key: row.current_step,
        reason: null,
        details: JSON.stringify({ fileId: inserted, fieldKey: upload.fieldKey, fileName: cleanFileName(upload.fileName), sha256: upload.file.sha256, sizeBytes: upload.file.bytes }),
      });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'application.file.upload', targetType: 'application', targetId: id, details: { fileId: inserted, fieldKey: upload.fieldKey, sha256: upload.file.sha256, sizeBytes: upload.file.bytes } });
      return inserted;
    });
    return presentFile((await repo.findFile(db, id, fileId))!);
  } catch (error) {
    await removeStoredFile(storageDir, relative);
    throw error;
  }
}

/** Opens an attachment for download: the applying enterprise and the owning department only; audited for the department. */
export async function openApplicationFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, fileId: number) {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  const side = assertCanSeeApplication(actor, row);
  const file = await repo.findFile(db, id, fileId);
  if (!file) throw notFound('File');
  if (side === 'staff') await recordAudit(db, { ...auditContextOfActor(actor), action: 'application.file.download', targetType: 'application', targetId: id, details: { fileId, enterpriseId: row.enterprise_id, sha256: file.sha256 } });
  return { fileName: file.file_name, contentType: file.content_type, sizeBytes: file.size_bytes, sha256: file.sha256, stream: openAttachment(storageDir, file.storage_path) };
}
