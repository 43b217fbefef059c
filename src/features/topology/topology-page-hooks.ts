import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { useKumaApi } from '../../ui/api-context';
import {
  browserStorage,
  type EdgeFrontOverrides,
  frontableGateways,
  isFronted,
  loadEdgeFronts,
  resolveEdgeFronts,
  saveEdgeFronts,
  setEdgeFront,
} from './edge-fronts';
import type { EdgeFrontsControl } from './topology-side-panel';
import { type CanvasModule, canvasLoaded, loadCanvas } from './view-code';

/** The topology page's hooks: chunks loaded on first need, and the edge's fronted gateways. */

/** The canvas module once loaded (at once if it already is), or why it could not be. */
export function useCanvasModule(wanted: boolean) {
  const [state, setState] = useState<{ module?: CanvasModule; error?: unknown }>(() => {
    const loaded = canvasLoaded();
    return loaded ? { module: loaded } : {};
  });
  // Loads while wanted and neither loaded nor failed; a retry clears the failure, which is a
  // new state, so the effect runs again.
  useEffect(() => {
    if (!wanted || state.module || state.error !== undefined) return;
    let current = true;
    loadCanvas().then(
      (module) => current && setState({ module }),
      (error: unknown) => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [wanted, state]);
  const retry = useCallback(() => setState({}), []);
  return { ...state, retry };
}

// The request evaluator is only needed for a traced request: it loads then, not with the page
// (the diagnosis rules load the same way, from `view-code.ts`).
// biome-ignore lint/style/noRestrictedImports: its own chunk, loaded for a traced request only; the trace's index would pull the whole feature in
export const loadTrace = () => import('../trace/run-trace');
const modules = new Map<() => Promise<unknown>, Promise<unknown>>();

/** A module loaded on first need (and once): undefined until it has arrived. */
export function useModule<T>(load: () => Promise<T>, wanted: boolean): T | undefined {
  const [loaded, setLoaded] = useState<T>();
  useEffect(() => {
    if (!wanted || loaded) return;
    let current = true;
    let promise = modules.get(load) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      modules.set(load, promise);
      promise.catch(() => modules.delete(load));
    }
    promise.then(
      (module) => {
        if (current) setLoaded(() => module);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [load, wanted, loaded]);
  return loaded;
}

export function toError(error: unknown): Error | null {
  if (error === undefined || error === null) return null;
  return error instanceof Error ? error : new Error(String(error));
}

/** The edge Kong Gateway's fronted gateways: the default, or the user's choices kept per CP. */
export function useEdgeFronts(identity: string) {
  const api = useKumaApi();
  // Kept fresh by useTopology (read where the insights say it changed): no timer of its own.
  const gateways = useQuery(gatewayListQuery(api));
  const frontable = useMemo(() => frontableGateways(gateways.data), [gateways.data]);
  const [overrides, setOverrides] = useState<{ identity: string; value: EdgeFrontOverrides }>(
    () => ({ identity, value: loadEdgeFronts(browserStorage(), identity) }),
  );
  // Another control plane (the token or server changed): its own choices.
  const current = useMemo(
    () =>
      overrides.identity === identity
        ? overrides.value
        : loadEdgeFronts(browserStorage(), identity),
    [overrides, identity],
  );
  const edgeFronts = useMemo(() => resolveEdgeFronts(frontable, current), [frontable, current]);
  const control = useMemo(
    (): EdgeFrontsControl => ({
      isFronted: (id) =>
        isFronted(
          frontable.find((gateway) => gateway.id === id),
          current,
        ),
      setFronted: (id, fronted) => {
        const gateway = frontable.find((candidate) => candidate.id === id);
        if (!gateway) return;
        const next = setEdgeFront(current, gateway, fronted);
        saveEdgeFronts(browserStorage(), identity, next);
        setOverrides({ identity, value: next });
      },
    }),
    [frontable, current, identity],
  );
  return { edgeFronts, overrides: current, control };
}
