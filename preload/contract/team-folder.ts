import { z } from 'zod';
import { idSchema, isPlainText } from '../../main/core/domain/fields';
import type { TeamFolderView } from '../../main/core/domain/team-folder';
import { passphraseSchema } from './backups';
import { method, returns } from './method';

const nothing = z.strictObject({});

const folder = z
  .string({ error: 'must be the path of a folder' })
  .trim()
  .min(1, 'is required: give the path of the folder your sync tool shares with the team')
  .max(4096, 'must be at most 4,096 characters')
  .refine(isPlainText, 'must not contain control characters such as line breaks');

/** The device names other Recerts show ("changed on Dana's laptop"): a line of a sane length. */
const deviceName = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'is required: a name the team recognises, such as "Front desk" or "Dana\'s laptop"')
  .max(80, 'must be at most 80 characters')
  .refine(isPlainText, 'must not contain control characters such as line breaks');

/** A device id as the team folder names it (sync/folder.ts). */
const device = z.string({ error: 'must be a device id' }).regex(/^[a-z0-9]{16}$/, 'is not a device id of this team folder');

export const teamFolderContract = {
  /** The team folder's state, its conflicts in words, and what joining would offer. */
  getTeamFolder: method(nothing, returns<TeamFolderView>()),
  /** Joins a team folder: checked, the passphrase tried against the others' files, then a first sync. */
  joinTeamFolder: method(
    z.strictObject({
      folder,
      /** 'everyone' (a manager's Recert) or the one person whose records this Recert takes (a trainer's). */
      scope: idSchema,
      name: deviceName,
      passphrase: passphraseSchema,
    }),
    returns<TeamFolderView>(),
  ),
  /** Syncs at once (otherwise Recert syncs when the folder changes, after writes here, and every minute). */
  syncTeamFolder: method(nothing, returns<TeamFolderView>()),
  /** The team passphrase typed again (browser mode forgets it when it stops): tried before it is kept. */
  setTeamPassphrase: method(z.strictObject({ passphrase: passphraseSchema }), returns<TeamFolderView>()),
  /** Stops syncing; the records stay here and what was sent stays in the folder. */
  leaveTeamFolder: method(nothing, returns<TeamFolderView>()),
  /** Keeps one device's version of a conflicted record; the others learn of it at the next sync. */
  resolveTeamConflict: method(
    z.strictObject({
      kind: z.enum(['person', 'credential', 'card', 'course', 'attachment'], {
        error: 'must be one of person, credential, card, course, attachment',
      }),
      id: idSchema,
      keep: device,
    }),
    returns<TeamFolderView>(),
  ),
  /** Desktop: the folder chooser; the folder chosen (not joined yet), or null when dismissed. */
  chooseTeamFolder: method(nothing, returns<{ folder: string | null }>()),
} as const;
