/**
 * The three pictures: their commands, requests, titles, and rendering from the
 * server's data. No vscode import, so unit tests use it directly.
 */
import {
  AnalysisCooccurrenceRequest,
  AnalysisMatrixRequest,
  AnalysisModelRequest,
  type AnalysisParams,
  type AxialModelResult,
  type AxialRequest,
  type CaseMatrixResult,
  type CooccurrenceResult,
} from '../../common/protocol';
import { renderCooccurrenceSvg, renderMatrixSvg, renderModelSvg, type RenderedPicture, type RenderOptions } from '../../core/analysis';

export type PictureKind = 'model' | 'cooccurrence' | 'matrix';

export interface PictureData {
  model: AxialModelResult;
  cooccurrence: CooccurrenceResult;
  matrix: CaseMatrixResult;
}

export type AnyPictureData = PictureData[PictureKind];

export interface PictureSpec {
  kind: PictureKind;
  /** The command that opens it. */
  command: string;
  /** The server request behind it. */
  request: AxialRequest<AnalysisParams, AnyPictureData | null>;
  /** Panel title. */
  title: string;
  /** Default file name of an export. */
  fileName: string;
  /** What the page says to do. */
  hint: string;
}

export const PICTURES: Record<PictureKind, PictureSpec> = {
  model: {
    kind: 'model',
    command: 'axial.showAxialModel',
    request: AnalysisModelRequest,
    title: 'Axial Model',
    fileName: 'axial-model.svg',
    hint: 'Click a category or code to list its quotes.',
  },
  cooccurrence: {
    kind: 'cooccurrence',
    command: 'axial.showCooccurrence',
    request: AnalysisCooccurrenceRequest,
    title: 'Code Co-occurrence',
    fileName: 'code-cooccurrence.svg',
    hint: 'Click a cell to list the quotes where the two codes meet.',
  },
  matrix: {
    kind: 'matrix',
    command: 'axial.showCaseMatrix',
    request: AnalysisMatrixRequest,
    title: 'Code × Case Matrix',
    fileName: 'code-case-matrix.svg',
    hint: 'Click a cell to list its quotes.',
  },
};

export const PICTURE_KINDS = Object.keys(PICTURES) as PictureKind[];

/** The export command: `{ kind?, path? }`; without a path it asks where to save. */
export const EXPORT_PICTURE_COMMAND = 'axial.exportPicture';

/**
 * The coder filter command: `{ coders?: string[] }` sets it (empty: every coder);
 * without an argument it asks with a multi-select list of the project's coders.
 */
export const FILTER_PICTURES_BY_CODER_COMMAND = 'axial.filterPicturesByCoder';

/** View type of a picture's webview panel. */
export function viewType(kind: PictureKind): string {
  return `axial.picture.${kind}`;
}

export function renderPicture(kind: PictureKind, data: AnyPictureData, opts: RenderOptions): RenderedPicture {
  switch (kind) {
    case 'model':
      return renderModelSvg(data as AxialModelResult, opts);
    case 'cooccurrence':
      return renderCooccurrenceSvg(data as CooccurrenceResult, opts);
    case 'matrix':
      return renderMatrixSvg(data as CaseMatrixResult, opts);
  }
}
