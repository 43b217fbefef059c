import { useMemo } from 'react';
import { sidecarResolver, tracedOnGraph } from '../../topology/traffic-paths';
import { frontedGateways, gatewayChoice, parseTarget, type TraceInput } from '../trace';
import type { EdgeFrontOverrides } from './edge-fronts';
import { findingsByNode } from './node-findings';
import { loadTrace, useModule } from './topology-page-hooks';
import type { TopologyData } from './use-topology';
import { loadDiagnosis } from './view-code';

/**
 * A traced request (from the Trace page) evaluated on the data the graph was built from, with
 * the trace module loaded on first need: its run (for the banner) and what it lights on the graph.
 */
export function useTracedRequest(
  topology: TopologyData,
  input: TraceInput | undefined,
  frontOverrides: EdgeFrontOverrides,
) {
  const trace = useModule(loadTrace, Boolean(input?.mesh));
  const { snapshot, gateways, model } = topology;
  const run = useMemo(() => {
    if (!input?.mesh || !snapshot || !trace) return undefined;
    return trace.runTrace(
      snapshot,
      input.mesh,
      gatewayChoice(input.gateway),
      parseTarget(input),
      input.method,
      frontedGateways(gateways, input.mesh, frontOverrides),
    );
  }, [input, snapshot, gateways, frontOverrides, trace]);
  const lit = useMemo(
    () =>
      run && input && trace && model
        ? tracedOnGraph(model, trace.tracePath(run, input.mesh))
        : undefined,
    [run, input, trace, model],
  );
  return { run, lit };
}

/**
 * Finding badges for the meshes drawn in full (a summary lacks the data to judge), from the
 * diagnosis rules loaded on first need; `active` is false on the mermaid tab, which neither
 * loads nor runs them.
 */
export function useMeshFindings(topology: TopologyData, active: boolean) {
  const { snapshot, model, collapsedMeshes } = topology;
  const wanted =
    active &&
    Boolean(model?.nodes.some((node) => node.kind === 'mesh' && !collapsedMeshes.has(node.mesh)));
  const diagnosis = useModule(loadDiagnosis, wanted);
  return useMemo(() => {
    if (!snapshot || !model || !diagnosis || !active) return undefined;
    const drawn = model.nodes.filter(
      (node) => node.kind === 'mesh' && !collapsedMeshes.has(node.mesh),
    );
    return findingsByNode(
      drawn.flatMap((node) =>
        node.kind === 'mesh' ? diagnosis.diagnoseMesh(snapshot, node.mesh) : [],
      ),
      sidecarResolver(model),
    );
  }, [snapshot, model, collapsedMeshes, diagnosis, active]);
}
