import { useEffect, useState } from 'react';

type YamlModule = typeof import('yaml');

let yamlModule: Promise<YamlModule> | undefined;

/** The `yaml` package, loaded on first use so list screens never pay for it. */
export function loadYaml(): Promise<YamlModule> {
  yamlModule ??= import('yaml');
  return yamlModule;
}

/** `value` as YAML once the package has loaded; undefined until then. */
export function useYamlText(value: unknown): { text?: string; error?: unknown } {
  const [state, setState] = useState<{ source: unknown; text?: string; error?: unknown }>();
  useEffect(() => {
    if (value === undefined) return;
    let cancelled = false;
    loadYaml().then(
      ({ stringify }) => {
        if (cancelled) return;
        try {
          setState({ source: value, text: stringify(value, { lineWidth: 0 }) });
        } catch (error) {
          setState({ source: value, error });
        }
      },
      (error: unknown) => {
        if (!cancelled) setState({ source: value, error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [value]);
  return state && state.source === value ? { text: state.text, error: state.error } : {};
}
