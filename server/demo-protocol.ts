import type { DemoOptions } from '../demo-cp/src/options';

/** What the demo worker is started with. */
export interface DemoWorkerData {
  options: DemoOptions;
}

export interface DemoRequestMessage {
  type: 'request';
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  body?: ArrayBuffer;
}

export type ToDemoWorker = DemoRequestMessage | { type: 'stop' };

export type FromDemoWorker =
  | { type: 'ready'; restoredWrites: number }
  | { type: 'first-tick-done' }
  | { type: 'failed'; stateFile: boolean; message: string }
  | {
      type: 'response';
      id: number;
      status: number;
      headers: [string, string][];
      body: ArrayBuffer;
    }
  | { type: 'response-failed'; id: number; message: string };
