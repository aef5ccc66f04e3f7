// A stand-in for the `electron` module under Node (no Electron binary can be downloaded on these
// machines): the main process's glue loads, and tests drive its guards with fakes of the objects
// Electron would pass. Only what main/ touches is here; each fake records what it was asked.
import { EventEmitter } from 'node:events';

type Handler = (request: Request) => Promise<Response> | Response;

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, Handler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: Handler): void {
    this.handlers.set(scheme, handler);
  },
};

type IpcHandler = (event: { senderFrame: unknown }, input: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    this.handlers.set(channel, handler);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
  showItemInFolder(): void {},
};

/** A webContents: events the guards listen to, and the window-open handler they install. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits `event` with a cancellable event object; true when a guard prevented it. */
  attempt(event: string, url?: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeSession {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
}

const unavailable = (): never => {
  throw new Error('The Electron stand-in has no windows or dialogs: this code path runs only in the desktop app.');
};

export const app = { setName: () => undefined, setPath: () => undefined, isPackaged: false, getAppPath: () => process.cwd() };
export const dialog = { showSaveDialog: unavailable, showErrorBox: unavailable };
export const session = { defaultSession: new FakeSession() };
/** Windows cannot be made here: a call fails with a message saying where that code runs. */
export const BrowserWindow = unavailable;
export const Notification = { isSupported: (): boolean => false };
export default { app, dialog, session, shell, protocol, ipcMain, BrowserWindow, Notification };
