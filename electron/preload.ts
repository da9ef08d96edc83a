import { contextBridge } from 'electron';

/**
 * The renderer gets task-specific functions only, never ipcRenderer itself. The app API
 * is derived from the contract in shared/ as it grows; for now the screen learns which shell hosts it.
 */
contextBridge.exposeInMainWorld('kds', Object.freeze({ shell: 'electron' as const }));
