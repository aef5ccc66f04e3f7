import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session, shell, type WebFrameMain } from 'electron';
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
            const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
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
  });

  app.on('window-all-closed', () => {
    context?.close();
    app.quit();
  });
}

start();
