import { describe, expect, it } from 'vitest';
import { freeArea, revealShift } from '../../../src/core/geometry/reveal.ts';

describe('freeArea', () => {
  it('leaves out a details panel docked on the right and a legend on the left', () => {
    const details = { left: 550, top: 10, right: 910, bottom: 500 };
    const legend = { left: 10, top: 10, right: 262, bottom: 540 };
    expect(freeArea(960, 600, [details, legend])).toEqual({
      left: 262,
      top: 0,
      right: 550,
      bottom: 600,
    });
  });

  it('takes a wide panel as docked at the top or bottom, whichever it is nearer', () => {
    expect(freeArea(400, 600, [{ left: 8, top: 8, right: 392, bottom: 200 }]).top).toBe(200);
    expect(freeArea(400, 600, [{ left: 8, top: 450, right: 392, bottom: 592 }]).bottom).toBe(450);
  });

  it('ignores empty panels, and panels that leave no room to show anything', () => {
    expect(freeArea(800, 600, [{ left: 500, top: 10, right: 790, bottom: 10 }])).toEqual({
      left: 0,
      top: 0,
      right: 800,
      bottom: 600,
    });
    expect(freeArea(320, 500, [{ left: 8, top: 8, right: 312, bottom: 450 }])).toEqual({
      left: 0,
      top: 0,
      right: 320,
      bottom: 500,
    });
  });
});

describe('revealShift', () => {
  const free = { left: 262, top: 0, right: 550, bottom: 600 };

  it('leaves a place that shows in the free part alone', () => {
    expect(revealShift({ x: 400, y: 300 }, free)).toBeNull();
  });

  it('brings a place under a panel to the free part’s centre', () => {
    expect(revealShift({ x: 700, y: 200 }, free)).toEqual({ dx: 294, dy: -100 });
  });

  it('counts a place within the margin of the free part’s edge as hidden', () => {
    expect(revealShift({ x: 540, y: 300 }, free)).not.toBeNull();
    expect(revealShift({ x: 540, y: 300 }, free, 0)).toBeNull();
  });
});
