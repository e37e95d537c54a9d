/** SVG renderings of the pictures: pure functions from their data to markup. */
export { renderModelSvg, MODEL_TOTAL_KEY, type ModelInput } from './model';
export { renderCooccurrenceSvg, heatOpacity, type CooccurrenceInput } from './cooccurrence';
export { renderMatrixSvg, type MatrixInput } from './matrix';
export { type PictureItem, type RenderedPicture, type RenderOptions } from './shell';
export { DARK_PALETTE, LIGHT_PALETTE, PALETTE_VARIABLES, THEME_PALETTE, paletteFrom, pictureCss, type Palette } from './theme';
export { xml } from './text';
