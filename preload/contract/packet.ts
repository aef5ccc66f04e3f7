import { z } from 'zod';
import { calendarDateSchema, idSchema } from '../../main/core/domain/fields';
import type { AuditChecklist, PacketExportStatus } from '../../main/core/domain/views';
import { method, returns } from './method';

const byJob = z.strictObject({ jobId: idSchema });

export const packetContract = {
  getAuditChecklist: method(z.strictObject({ credentialId: idSchema, asOf: calendarDateSchema.optional() }), returns<AuditChecklist>()),
  startPacketExport: method(
    z.strictObject({ credentialId: idSchema, asOf: calendarDateSchema.optional() }),
    returns<PacketExportStatus | null>(),
  ),
  getPacketExport: method(byJob, returns<PacketExportStatus>()),
  cancelPacketExport: method(byJob, returns<PacketExportStatus>()),
  showPacketInFolder: method(byJob, returns<{ shown: true }>()),
} as const;
