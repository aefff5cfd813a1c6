import { describe, expect, it } from 'vitest';
import { worldCopies } from '../../../src/core/geometry/worldcopies.ts';

describe('worldCopies', () => {
  it('gives the one world for a view inside it', () => {
    expect(worldCopies([0, 1], 0.2, 0.6)).toEqual([0]);
  });

  it('gives every copy a wide view spans, and the ones beside it that reach in', () => {
    expect(worldCopies([0, 1], -0.5, 1.5)).toEqual([-1, 0, 1]);
    // An arc from x 0.9 to 1.1 reaches into a view of 0..0.05 from the copy to the left.
    expect(worldCopies([0.9, 1.1], 0, 0.05)).toEqual([-1]);
    expect(worldCopies([0.9, 1.1], 0.5, 0.6)).toEqual([]);
  });

  it('keeps to copy 0 when the map does not repeat the world', () => {
    expect(worldCopies([0, 1], -0.5, 1.5, false)).toEqual([0]);
    expect(worldCopies([0, 1], 1.2, 1.5, false)).toEqual([]);
    expect(worldCopies([0.9, 1.1], 0, 0.05, false)).toEqual([]);
  });
});
