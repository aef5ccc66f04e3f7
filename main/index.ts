import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Notification, session, shell, type WebFrameMain } from 'electron';
import { openAppContext, type AppContext } from './app-context';
import { resolveDataDir } from './core/data-dir';
import { bindIpc } from './ipc';
import { attachmentUrl, handleAttachmentScheme, registerAttachmentScheme } from './protocol';
import { hardenContents, hardenSession, secureWebPreferences } from './security';

// The CLI and browser mode resolve the data folder the same way (RECERT_DATA_DIR, else userData).
app.setName('Recert');
app.setPath('userData', resolveDataDir());
registerAttachmentScheme();

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();

function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    const base = new URL(appUrl);
    return parsed.origin === base.origin && parsed.pathname === base.pathname;
  } catch {
    return false;
  }
}

let mainWindow: BrowserWindow | null = null;

function isAppFrame(frame: WebFrameMain | null): boolean {
  return !!frame && !!mainWindow && frame === mainWindow.webContents.mainFrame && isAppUrl(frame.url);
}

/** better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs, beside the Node build the tests use. */
function electronNativeBinding(): string | undefined {
  const candidate = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Recert',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  hardenContents(window.webContents, isAppUrl);
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}

/** The save dialog's file type, from the name Recert suggests (a packet, a report, a calendar). */
function saveFilters(name: string): { name: string; extensions: string[] }[] {
  const types: Record<string, string> = { pdf: 'PDF', csv: 'CSV spreadsheet', ics: 'Calendar', json: 'JSON', recert: 'Recert records' };
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return types[extension] ? [{ name: types[extension], extensions: [extension] }] : [];
}

/** Shows reminders on the desktop; a click opens that trainer's dashboard (or the Team screen for a summary). */
function showReminders(reminders: { title: string; body: string; personId: string | null }[]): void {
  if (!Notification.isSupported()) return;
  for (const reminder of reminders) {
    const notification = new Notification({ title: reminder.title, body: reminder.body });
    notification.on('click', () => {
      if (!mainWindow) return;
      const target = reminder.personId ? `#/dashboard?person=${encodeURIComponent(reminder.personId)}` : '#/team';
      void mainWindow.loadURL(`${appUrl.split('#')[0]}${target}`);
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    });
    notification.show();
  }
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  let context: AppContext | null = null;
  void app.whenReady().then(() => {
    try {
      context = openAppContext({
        dataDir: app.getPath('userData'),
        resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
        packetWorkerFile: join(__dirname, 'packet-worker.js'),
        nativeBinding: electronNativeBinding(),
        platform: {
          chooseSaveLocation: async (suggestedName) => {
            const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: saveFilters(suggestedName) };
            const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
            return result.canceled || !result.filePath ? null : result.filePath;
          },
          showInFolder: (path) => shell.showItemInFolder(path),
          attachmentUrl,
        },
      });
    } catch (error) {
      // A database from a newer version or a foreign file: say so and leave it untouched.
      dialog.showErrorBox('Recert cannot open its data', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    hardenSession(session.defaultSession);
    handleAttachmentScheme(context);
    bindIpc(context.dispatch, isAppFrame);
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    // Deadlines come to the user: the kept calendar file is brought up to date, and reminders due
    // now (decided in main/core with today's date) are shown, then checked again every hour.
    const opened = context;
    opened.service.refreshCalendarFile();
    const remind = () => showReminders(opened.service.takeDueNotifications());
    remind();
    setInterval(remind, 60 * 60 * 1000);
  });

  app.on('window-all-closed', () => {
    context?.close();
    app.quit();
  });
}

start();
