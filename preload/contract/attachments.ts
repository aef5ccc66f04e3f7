import { z } from 'zod';
import { idSchema, requiredText } from '../../main/core/domain/fields';
import type { Attachment } from '../../main/core/domain/views';
import { certificateContent } from './file-content';
import { method, returns } from './method';
import { byId } from './people';

const attachmentOwner = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('course'), id: idSchema }), z.strictObject({ kind: z.literal('cpr-aed-card'), id: idSchema })],
  { error: 'must be { kind: "course" | "cpr-aed-card", id }' },
);

export const attachmentsContract = {
  listAttachments: method(z.strictObject({ owner: attachmentOwner }), returns<Attachment[]>()),
  addAttachment: method(
    z.strictObject({
      owner: attachmentOwner,
      fileName: requiredText(255),
      contentBase64: certificateContent,
    }),
    returns<Attachment>(),
  ),
  removeAttachment: method(byId, returns<{ deleted: true }>()),
} as const;
