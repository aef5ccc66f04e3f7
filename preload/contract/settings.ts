import { z } from 'zod';
import { themes } from '../../main/core/domain/records';
import type { Settings } from '../../main/core/domain/views';
import { method, returns } from './method';

export const settingsContract = {
  getSettings: method(z.strictObject({}), returns<Settings>()),
  updateSettings: method(z.strictObject({ theme: z.enum(themes, { error: 'must be one of system, light, dark' }) }), returns<Settings>()),
} as const;
