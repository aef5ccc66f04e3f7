import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { methodNames, type Result } from '../preload/contract';
import type { Dispatch } from './dispatch';

export const CHANNEL_PREFIX = 'recert:';

/** Only the app window's own top-level frame, showing the app's own origin, may call main. */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url'> | null,
  mainFrame: Pick<WebFrameMain, 'url'> | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  return !!frame && !!mainFrame && frame === mainFrame && isAppUrl(frame.url);
}

type IpcMain = Pick<typeof ipcMain, 'handle'>;

/**
 * Binds every contract method to ipcMain.handle. Inputs stay `unknown` until dispatch parses them
 * with the contract; a message from any frame but the app's own top-level page is refused.
 */
export function bindIpc(dispatch: Dispatch, isAppFrame: (frame: WebFrameMain | null) => boolean, target: IpcMain = ipcMain): void {
  for (const method of methodNames) {
    target.handle(CHANNEL_PREFIX + method, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isAppFrame(event.senderFrame)) {
        return { ok: false, error: { code: 'internal', message: 'Refused: the request did not come from the Recert window.' } };
      }
      return dispatch(method, input);
    });
  }
}
