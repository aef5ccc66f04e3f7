import { z } from 'zod';
import { idSchema, requiredText } from '../../main/core/domain/fields';
import { MAX_ATTACHMENT_BYTES } from '../../main/core/domain/records';
import type { Attachment } from '../../main/core/domain/views';
import { method, returns } from './method';
import { byId } from './people';

const attachmentOwner = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('activity'), id: idSchema }), z.strictObject({ kind: z.literal('cpr-aed-card'), id: idSchema })],
  { error: 'must be { kind: "activity" | "cpr-aed-card", id }' },
);

export const attachmentsContract = {
  listAttachments: method(z.strictObject({ owner: attachmentOwner }), returns<Attachment[]>()),
  addAttachment: method(
    z.strictObject({
      owner: attachmentOwner,
      fileName: requiredText(255),
      contentBase64: z
        .string({ error: 'must be the file content, base64-encoded' })
        .min(1, 'is empty: choose a file that has content')
        // base64 grows by a third.
        .max(
          Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4,
          `is too large: certificate files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64-encoded'),
    }),
    returns<Attachment>(),
  ),
  removeAttachment: method(byId, returns<{ deleted: true }>()),
} as const;
