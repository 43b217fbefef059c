import { createContext, useContext } from 'react';

/** What buttons inside nodes can do; given by the canvas so `nodeTypes` stay module constants. */
export interface CanvasActions {
  toggleMesh: (mesh: string, collapse: boolean) => void;
  toggleSidecar: (nodeId: string) => void;
}

const NOOP: CanvasActions = { toggleMesh: () => {}, toggleSidecar: () => {} };

export const CanvasActionsContext = createContext<CanvasActions>(NOOP);

export function useCanvasActions(): CanvasActions {
  return useContext(CanvasActionsContext);
}
