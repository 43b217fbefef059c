import { useEffect, useState } from 'react';

interface ControlPlaneSummary {
  product: string;
  version: string;
  environment: string;
  mode: string;
  meshes: string[];
}

async function loadSummary(signal: AbortSignal): Promise<ControlPlaneSummary> {
  const get = async (path: string) => {
    const response = await fetch(`/api${path}`, { signal });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };
  const [index, config, meshes] = await Promise.all([get('/'), get('/config'), get('/meshes')]);
  return {
    product: index.product,
    version: index.version,
    environment: config.environment,
    mode: config.mode,
    meshes: (meshes.items ?? []).map((mesh: { name: string }) => mesh.name),
  };
}

/** First screen: which control plane this dashboard talks to, and its meshes. */
export function App() {
  const [summary, setSummary] = useState<ControlPlaneSummary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    loadSummary(controller.signal).then(setSummary, (reason: Error) => {
      if (!controller.signal.aborted) setError(reason.message);
    });
    return () => controller.abort();
  }, []);
  return (
    <main>
      <h1>Kuma ingress dashboard</h1>
      {error && <p role="alert">Cannot reach the control plane: {error}</p>}
      {!summary && !error && <p>Connecting to the control plane…</p>}
      {summary && (
        <>
          <p data-testid="control-plane">
            {summary.product} {summary.version} ({summary.environment}, {summary.mode})
          </p>
          <h2>Meshes</h2>
          <ul>
            {summary.meshes.map((mesh) => (
              <li key={mesh}>{mesh}</li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
