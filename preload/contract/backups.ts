import { z } from 'zod';
import type { BackupsView, DataCheckView } from '../../main/core/domain/views';
import { method, returns } from './method';

const nothing = z.strictObject({});

export const backupsContract = {
  getBackups: method(nothing, returns<BackupsView>()),
  backUpNow: method(nothing, returns<BackupsView>()),
  checkMyData: method(nothing, returns<DataCheckView>()),
  removeUnusedFiles: method(nothing, returns<DataCheckView>()),
} as const;
