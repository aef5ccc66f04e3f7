import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Notification, safeStorage, session, shell, type WebFrameMain } from 'electron';
import { openAppContext, type AppContext } from './app-context';
import { APP_ENTRY_URL, appUrlCheck } from './app-url';
import { run as runCli } from './cli';
import { resolveDataDir } from './core/data-dir';
import {
  cliArguments,
  desktopPassphraseStore,
  reminderTarget,
  saveFilters,
  scheduleAutomaticBackup,
  TEAM_PASSPHRASE_FILE,
} from './desktop';
import { bindIpc, isTrustedSender } from './ipc';
import { attachmentUrl, handleAppScheme, handleAttachmentScheme, registerSchemes } from './protocol';
import { hardenContents, hardenSession, secureWebPreferences } from './security';

// The CLI and browser mode resolve the data folder the same way (RECERT_DATA_DIR, else userData).
app.setName('Recert');
app.setPath('userData', resolveDataDir());

const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(__dirname, '../renderer');
// Built, the renderer comes from app://recert (a privileged scheme), never from file://.
const entryUrl = devServerUrl ?? APP_ENTRY_URL;
const isAppUrl = appUrlCheck(devServerUrl);

let mainWindow: BrowserWindow | null = null;

function isAppFrame(frame: WebFrameMain | null): boolean {
  return isTrustedSender(frame, mainWindow?.webContents.mainFrame ?? null, isAppUrl);
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
  void window.loadURL(entryUrl);
  return window;
}

/** Shows reminders on the desktop; a click opens that trainer's dashboard (or the Team screen for a summary). */
function showReminders(reminders: { title: string; body: string; personId: string | null }[]): void {
  if (!Notification.isSupported()) return;
  for (const reminder of reminders) {
    const notification = new Notification({ title: reminder.title, body: reminder.body });
    notification.on('click', () => {
      if (!mainWindow) return;
      void mainWindow.loadURL(reminderTarget(entryUrl, reminder.personId));
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
        resourcesDir,
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
          chooseFolder: async (title = 'Also keep a copy of the backups in…') => {
            const options = {
              title,
              properties: ['openDirectory' as const, 'createDirectory' as const],
            };
            const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          passphrases: desktopPassphraseStore(app.getPath('userData'), safeStorage),
          teamPassphrases: desktopPassphraseStore(app.getPath('userData'), safeStorage, TEAM_PASSPHRASE_FILE),
        },
        watchTeamFolder: true,
      });
    } catch (error) {
      // A database from a newer version or a foreign file: say so and leave it untouched.
      dialog.showErrorBox('Recert cannot open its data', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    hardenSession(session.defaultSession);
    handleAppScheme(rendererDir);
    handleAttachmentScheme(context);
    bindIpc(context.dispatch, isAppFrame);
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    // Deadlines come to the user: the kept calendar file is brought up to date, and reminders due
    // now (decided in main/core with today's date) are shown, then checked again every hour.
    const opened = context;
    opened.service.refreshCalendarFile();
    // A daily backup of the data folder, kept 7 days and 4 weeks; a failure is logged, never fatal.
    scheduleAutomaticBackup(() => opened.service.automaticBackup());
    const remind = () => showReminders(opened.service.takeDueNotifications());
    remind();
    setInterval(remind, 60 * 60 * 1000);
  });

  app.on('window-all-closed', () => {
    context?.close();
    app.quit();
  });
}

const cli = cliArguments(process.argv);
if (cli) {
  // The packaged app's command line: same service, no window (RunAsNode is fused off).
  process.env.RECERT_RESOURCES_DIR = resourcesDir;
  void runCli(cli).then((code) => app.exit(code));
} else {
  registerSchemes();
  start();
}
