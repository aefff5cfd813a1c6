/**
 * Everything that makes export files, in one module that the page loads only when an export
 * is asked for, so it stays out of the first view's download.
 */
export { exportCsv, exportGeoJson, featuresInEffect } from '../core/export/exportdata.ts';
export { exportGif, exportPngFrames, exportWebm } from './animation.ts';
export { exportImage, planSnapshot } from './image.ts';
export { exportVector } from './svg.ts';
