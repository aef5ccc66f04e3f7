// Writes are marked where they are defined (service/writes.ts) and the service wraps them once:
// the caches hear of a marked method when it has finished, however it ends, and keep nothing while
// it runs; bookkeeping marked keeps() changes settings alone and leaves the caches be. The contract's
// methods are held to the marks in contract-bad-input.test.ts; the service's others are here.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceContext, type ServiceDeps } from '../../main/core/service/context';
import { keeps, withWrites, writeKind, writes } from '../../main/core/service/writes';
import { openStore, repositories } from '../../main/core/store';
import { methodNames } from '../../preload/contract';
import { freshContext, tempDir } from '../helpers/context';
import { seed, snapshot } from '../helpers/seed';
import { valueNow } from '../helpers/results';

describe('the wrapper', () => {
  function spied() {
    const heard: string[] = [];
    return { heard, tracking: { writing: () => heard.push('writing'), wrote: () => heard.push('wrote') } };
  }

  it('tells the caches of a marked method once it has returned or thrown', () => {
    const { heard, tracking } = spied();
    const methods = withWrites(
      {
        add: writes((n: number) => {
          heard.push('ran');
          if (n < 0) throw new Error('negative');
          return n + 1;
        }),
        read: (n: number) => n,
        bookkeeping: keeps((n: number) => n),
      },
      tracking,
    );
    expect(methods.add(1)).toBe(2);
    expect(() => methods.add(-1)).toThrow('negative');
    expect(methods.read(1) + methods.bookkeeping(1)).toBe(2);
    expect(heard).toEqual(['writing', 'ran', 'wrote', 'writing', 'ran', 'wrote']);
    expect([writeKind(methods.add), writeKind(methods.read), writeKind(methods.bookkeeping)]).toEqual(['writes', null, 'keeps']);
  });

  it('tells them of an asynchronous one when it has settled, not before', async () => {
    const { heard, tracking } = spied();
    let finish: (ok: boolean) => void = () => undefined;
    const methods = withWrites(
      {
        later: writes(
          () =>
            new Promise<string>((resolve, reject) => {
              finish = (ok) => (ok ? resolve('done') : reject(new Error('failed')));
            }),
        ),
      },
      tracking,
    );
    const done = methods.later();
    await Promise.resolve();
    expect(heard).toEqual(['writing']);
    finish(true);
    expect(await done).toBe('done');
    const failed = methods.later();
    finish(false);
    await expect(failed).rejects.toThrow('failed');
    expect(heard).toEqual(['writing', 'wrote', 'writing', 'wrote']);
  });

  it('keeps no cache while a write runs, and one version after it until the next', () => {
    const store = repositories(openStore(':memory:'));
    const ctx = serviceContext({ store, ruleSets: [], files: {}, packets: {}, platform: {} } as unknown as ServiceDeps);
    let heard = 0;
    ctx.onWrite(() => (heard += 1));
    const before = ctx.dataVersion();
    expect(ctx.dataVersion()).toBe(before);
    ctx.tracking.writing();
    const during = ctx.dataVersion();
    expect([before, ctx.dataVersion()]).not.toContain(during);
    expect(heard).toBe(0);
    ctx.tracking.wrote();
    const after = ctx.dataVersion();
    expect(ctx.dataVersion()).toBe(after);
    expect([before, during]).not.toContain(after);
    expect(heard).toBe(1);
    store.db.close();
  });
});

describe("the service's methods outside the contract", () => {
  let context: ReturnType<typeof freshContext>;
  afterEach(() => context.dispose());

  const outside = (service: object) => Object.keys(service).filter((name) => !(methodNames as readonly string[]).includes(name));

  it('are marked when they change the data; keeps() ones change settings alone', async () => {
    // A day when reminders are due, and a kept calendar file whose folder is then removed (its next
    // rewrite fails and is remembered): the bookkeeping methods then have something to write.
    context = freshContext({ today: '2027-03-01' });
    seed(context);
    const folder = join(tempDir(), 'calendar');
    mkdirSync(folder);
    valueNow(context.dispatch('updateReminderSettings', { calendarFile: join(folder, 'recert.ics') }));
    rmSync(folder, { recursive: true });
    const names = outside(context.service);
    expect(names).toEqual(expect.arrayContaining(['takeDueNotifications', 'refreshCalendarFile']));
    const db = context.store.db;
    const changes = () => db.prepare('SELECT total_changes()').pluck().get() as number;
    const settings = () => JSON.stringify(db.prepare('SELECT * FROM settings ORDER BY key').all());
    // The settings write above schedules the calendar file's rewrite (debounced): let it fail and be
    // remembered now, or it lands inside whichever method is awaited when the timer fires.
    await vi.waitFor(() => expect(settings()).toContain('Could not rewrite'), { timeout: 10_000 });
    const wrote: string[] = [];
    for (const name of names) {
      const method = (context.service as unknown as Record<string, (input: unknown) => unknown>)[name];
      const kind = writeKind(method);
      const [changesBefore, before, settingsBefore] = [changes(), snapshot(context), settings()];
      await method?.({});
      if (changes() !== changesBefore) {
        wrote.push(name);
        expect(kind, `${name} changed the data but is not marked writes() or keeps()`).not.toBeNull();
      }
      if (kind === 'keeps') {
        expect(snapshot(context).replace(settings(), ''), `${name} changed more than settings`).toBe(before.replace(settingsBefore, ''));
      }
    }
    expect(wrote).toEqual(expect.arrayContaining(['takeDueNotifications', 'refreshCalendarFile']));
  });
});
