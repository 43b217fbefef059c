import { describe, expect, it } from 'vitest';
import { COUNTER_SCALED_PX, READABLE_PX, steppedZoom, zoomLevel, zoomStep } from './zoom-levels';

describe('zoomLevel', () => {
  it.each([
    [2.5, 'full'],
    [1, 'full'],
    [0.99, 'names'],
    [0.52, 'names'],
    [0.3, 'names'],
    [0.29, 'boxes'],
    [0.02, 'boxes'],
  ] as const)('zoom %s → %s', (zoom, level) => {
    expect(zoomLevel(zoom)).toBe(level);
  });
});

describe('counter-scaled text stays readable across the stepped zoom', () => {
  it.each([0.02, 0.1, 0.29, 0.3, 0.37, 0.42, 0.45, 0.52, 0.6, 0.77, 0.91, 0.99, 1.3, 2.5])(
    'zoom %s: counter-scaled text / stepped zoom × zoom ≥ 11 px',
    (zoom) => {
      const onScreen = (COUNTER_SCALED_PX / steppedZoom(zoomStep(zoom))) * zoom;
      expect(onScreen).toBeGreaterThanOrEqual(READABLE_PX);
    },
  );
});
