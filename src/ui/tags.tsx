import type { Tags } from '../kuma/types';

export function TagList({ tags }: { tags: Tags | undefined }) {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="tags">
      {entries.map(([key, value]) => (
        <li key={key} className="tag">
          <span className="tag__key">{key}</span>
          <span className="tag__value">{value}</span>
        </li>
      ))}
    </ul>
  );
}
