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

  it('between 11 and 13.1 px on screen at every zoom from 0.02 to 4', () => {
    for (let zoom = 0.02; zoom <= 4; zoom *= 1.003) {
      const onScreen = (COUNTER_SCALED_PX / steppedZoom(zoomStep(zoom))) * zoom;
      expect(onScreen).toBeGreaterThanOrEqual(READABLE_PX);
      expect(onScreen).toBeLessThanOrEqual(13.1);
    }
  });
});

describe('zoomStep', () => {
  it.each([0.25, 0.31, 0.5, 0.77, 1, 1.6])(
    'zoom %s to twice that: four changes of step (fewer restyles of every node)',
    (from) => {
      let changes = 0;
      let step = zoomStep(from);
      for (let zoom = from; zoom <= 2 * from; zoom *= 1.001) {
        if (zoomStep(zoom) !== step) changes += 1;
        step = zoomStep(zoom);
      }
      expect(changes).toBe(4);
      expect(zoomStep(2 * from) - zoomStep(from)).toBe(4);
    },
  );

  it.each([
    [1, 0],
    [2, 4],
    [0.5, -4],
  ])('zoom %s is step %s', (zoom, step) => {
    expect(zoomStep(zoom)).toBe(step);
  });
});
