import { sniffMediaType } from '../attachments/media-type';
import type { AddAttachmentInput, ById } from '../domain/inputs';
import type { AttachmentOwner, StoredAttachment } from '../domain/records';
import type { Attachment } from '../domain/views';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function attachmentsService(ctx: ServiceContext) {
  const { store, files, platform } = ctx;

  function requireOwner(owner: AttachmentOwner): { courseId: string | null; cprAedCardId: string | null } {
    if (owner.kind === 'course') {
      ctx.requireCourse(owner.id, 'owner.id');
      return { courseId: owner.id, cprAedCardId: null };
    }
    ctx.requireCard(owner.id, 'owner.id');
    return { courseId: null, cprAedCardId: owner.id };
  }
  function withPreview(attachment: StoredAttachment): Attachment {
    return { ...attachment, previewUrl: platform.attachmentUrl ? platform.attachmentUrl(attachment.id) : `attachments/${attachment.id}` };
  }

  return {
    listAttachments: ({ owner }: { owner: AttachmentOwner }): Attachment[] => {
      const { courseId: courseId, cprAedCardId } = requireOwner(owner);
      const stored = courseId ? store.attachments.listByCourse(courseId) : store.attachments.listByCard(cprAedCardId ?? '');
      return stored.map(withPreview);
    },
    addAttachment: writes(({ owner, fileName, contentBase64 }: AddAttachmentInput): Attachment => {
      const links = requireOwner(owner);
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length === 0) throw invalid('contentBase64', `"${fileName}" is empty: choose the certificate file itself`);
      const mediaType = sniffMediaType(bytes);
      if (!mediaType) {
        throw invalid(
          'contentBase64',
          `"${fileName}" is not a PDF, JPEG, PNG or HEIC/HEIF file: save or scan the certificate in one of those formats`,
        );
      }
      const sha256 = files.put(bytes);
      const attachment: StoredAttachment = { id: newId('f'), sha256, fileName, mediaType, size: bytes.length, ...links };
      try {
        ctx.write(() => store.attachments.insert(attachment));
      } catch (error) {
        ctx.releaseFiles([sha256]);
        throw error;
      }
      return withPreview(attachment);
    }),
    removeAttachment: writes(({ id }: ById): { deleted: true } => {
      const attachment = store.attachments.get(id);
      if (!attachment) throw notFound('id', 'attachment', id);
      ctx.write(() => store.attachments.delete(id));
      ctx.releaseFiles([attachment.sha256]);
      return { deleted: true };
    }),
  };
}
