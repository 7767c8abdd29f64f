/** Output layer: VTU/PVD for ParaView, PNG pictures (field maps, line plots), CSV tables, atomic result directories. */
export { writeFileAtomic, createOutputStage, withOutputStage, type OutputStage } from './atomicWrite.js';
export { writeVtu, VTK_TRIANGLE, VTK_QUADRATIC_TRIANGLE, type VtuArray, type VtuFields, type VtuOptions } from './vtu.js';
export { readVtu, VtuReadError, type VtuData, type VtuReadArray, type VtuValues } from './readVtu.js';
export { writePvd, type PvdEntry } from './pvd.js';
export { toCsv } from './csv.js';
export { encodePng, crc32 } from './png.js';
export { createImage, setPixel, getPixel, fillRect, strokeRect, drawLine, type RgbaImage, type Rgb, type PixelRect } from './image.js';
export { drawText, defaultFontScale, textWidth, textHeight, hasGlyph, type TextOptions } from './font.js';
export { colormapRgb, colormapTable, isColormapName, type ColormapName } from './colormap.js';
export { niceTicks, niceStep, ticksForStep, logTicks, formatTick, formatLogTick } from './ticks.js';
export { isoSegments } from './contour.js';
export { linearPieces, type LinearPieces } from './linearPieces.js';
export { rasterizeTriangle } from './raster.js';
export { renderFieldMap, renderFieldMapImage, type FieldMapOptions, type FieldMapLayout } from './fieldMap.js';
export { renderLinePlot, renderLinePlotImage, SERIES_COLORS, type LineSeries, type LinePlotOptions, type LinePlotLayout } from './linePlot.js';
