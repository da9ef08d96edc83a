import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { API_EVENTS, API_REQUESTS, ipcEventChannel, ipcRequestChannel, type AppApi, type Result } from '../../shared/app-api';
import { dispatchRequest } from '../core/app/api-dispatch';
import { isAppUrl } from './harden';

type Frame = { url: string } | null | undefined;

/**
 * Registers one handler per operation of the app API's table, and forwards every pushed event.
 * Every call must come from the app's own top frame (VS Code's validated-IPC pattern); anything
 * else is refused. Takes the few Electron objects as parameters so tests can pass fakes.
 */
export function registerAppApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed'> & { mainFrame: Frame },
  api: AppApi,
  appEntryUrl: string,
): () => void {
  const trusted = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
    const frame = event.senderFrame as Frame;
    return frame !== null && frame !== undefined && frame === contents.mainFrame && isAppUrl(frame.url, appEntryUrl);
  };
  for (const name of API_REQUESTS) {
    ipcMain.handle(ipcRequestChannel(name), (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!trusted(event)) throw new Error('refused: the request did not come from the kitchen screen');
      return dispatchRequest(api, name, input);
    });
  }
  const unsubscribe = API_EVENTS.map((name) =>
    api.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel(name), payload);
    }),
  );
  return () => {
    unsubscribe.forEach((off) => off());
    for (const name of API_REQUESTS) ipcMain.removeHandler(ipcRequestChannel(name));
  };
}
