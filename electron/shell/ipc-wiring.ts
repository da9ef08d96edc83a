import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS } from '../../shared/app-api';
import type { AppService } from '../core/app-service';
import { isAppUrl } from './harden';

type Frame = { url: string } | null | undefined;

/**
 * Registers the app API's handlers, one per channel of the contract. Every call must come
 * from the app's own top frame (VS Code's validated-IPC pattern); anything else is refused.
 * Takes the few Electron objects as parameters so tests can pass fakes.
 */
export function registerAppApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed'> & { mainFrame: Frame },
  app: AppService,
  appEntryUrl: string,
): () => void {
  const trusted = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
    const frame = event.senderFrame as Frame;
    return frame !== null && frame !== undefined && frame === contents.mainFrame && isAppUrl(frame.url, appEntryUrl);
  };
  const guard =
    <T>(handler: (arg: unknown) => T) =>
    (event: IpcMainInvokeEvent, arg: unknown): T => {
      if (!trusted(event)) throw new Error('refused: the request did not come from the kitchen screen');
      return handler(arg);
    };
  ipcMain.handle(
    IPC_CHANNELS.invoke.snapshot,
    guard(() => app.snapshot()),
  );
  ipcMain.handle(
    IPC_CHANNELS.invoke.execute,
    guard((command) => app.execute(command)),
  );
  const push = (channel: string, payload: unknown): void => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  };
  const offDelta = app.onDelta((delta) => push(IPC_CHANNELS.events.delta, delta));
  const offStatus = app.onStatus((status) => push(IPC_CHANNELS.events.status, status));
  return () => {
    offDelta();
    offStatus();
    for (const channel of Object.values(IPC_CHANNELS.invoke)) ipcMain.removeHandler(channel);
  };
}
