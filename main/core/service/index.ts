// The service: one module per feature, each returning its slice of the methods, merged here. Every
// method takes an input the contract has already parsed and returns plain data; errors the user can
// act on are thrown as ServiceError and cross the boundary as `{ ok: false, error }`.
import { attachmentsService } from './attachments';
import { serviceContext, type ServiceDeps } from './context';
import { cprAedService } from './cpr-aed';
import { coursesService } from './courses';
import { credentialsService } from './credentials';
import { evaluationService } from './evaluation';
import { packetService } from './packet';
import { peopleService } from './people';
import { settingsService } from './settings';
import { backupsService } from './backups';
import { remindersService } from './reminders';
import { teamService } from './team';
import { teamFolderService } from './team-folder';
import { transferService } from './transfer';
import { scanService } from './scan';
import { withWrites } from './writes';
import { intakeService } from './intake';

export type { Platform, ServiceDeps } from './context';
export { packetFileName } from './packet';
export { ServiceError } from '../errors';

export function createService(deps: ServiceDeps) {
  const ctx = serviceContext(deps);
  const reminders = remindersService(ctx);
  return withWrites(
    {
      ...peopleService(ctx),
      ...credentialsService(ctx),
      ...coursesService(ctx),
      ...cprAedService(ctx),
      ...attachmentsService(ctx),
      ...evaluationService(ctx),
      ...packetService(ctx),
      ...settingsService(ctx),
      ...teamService(ctx, (days) => reminders.getUpcoming({ days })),
      ...teamFolderService(ctx),
      ...intakeService(ctx),
      ...reminders,
      ...backupsService(ctx),
      ...transferService(ctx),
      ...scanService(),
    },
    ctx.tracking,
  );
}

export type Service = ReturnType<typeof createService>;
