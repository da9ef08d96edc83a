import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './shell/bridge';

/** The renderer gets the app API's functions (derived from the contract's channels) and nothing else. */
contextBridge.exposeInMainWorld('kds', createBridge(ipcRenderer));
