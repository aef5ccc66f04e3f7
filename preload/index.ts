import { contextBridge, ipcRenderer } from 'electron';
import type { RecertApi } from './contract';
import { methodNames } from './method-names';

// window.recert: exactly one function per contract method and nothing else. Inputs are validated
// again in main; the channel names are the only thing the renderer can reach.
const api = Object.fromEntries(
  methodNames.map((method) => [method, (input: unknown) => ipcRenderer.invoke(`recert:${method}`, input)]),
) as RecertApi;

contextBridge.exposeInMainWorld('recert', Object.freeze(api));
