/**
 * The wire protocol of mini-st: every message that crosses the WebSocket at `/_stcore/stream`,
 * typed in this one module. The runtime (server side) and the components package (browser side)
 * both import it, so the two ends cannot drift. Messages are JSON, one message per frame.
 *
 * The element tree
 * ----------------
 * The page is a tree addressed by paths of child indices. `path[0]` is a root: 0 = main area,
 * 1 = sidebar. A delta puts an element or a block at a path; a block's children arrive as their
 * own deltas at `[...blockPath, i]`. The browser reduces deltas into its tree by these rules,
 * which the server's mirror of the browser (used to skip unchanged elements) follows too:
 *
 * 1. A delta replaces the node at its path. Missing parents are an error on the sender's side.
 * 2. A block delta onto a block of the same `type` keeps that block's children; any other
 *    replacement drops the children of what was there.
 * 3. During a run, a node is "fresh" if a delta of this run set it, or if its index is below the
 *    `reached` count of its parent block for this run. Other nodes are "stale" (drawn faded after a
 *    short delay, so fast reruns never flicker). A fragment run (`run_started.fragments`) concerns
 *    only the nodes under those fragment blocks: every node elsewhere stays fresh, until the next
 *    `run_started`.
 * 4. `run_finished` with status `ok` or `error` prunes: for every block key in `counts`, children
 *    at index >= count are removed. Every block the run created (sent or not) is in `counts`, and
 *    so are both roots, except in a fragment run: its `counts` hold only the fragment blocks and
 *    the blocks under them, so it prunes only inside them. Other statuses prune nothing.
 * 5. An element equal to what the browser already shows at that path is not sent again; the
 *    `reached` and `counts` tables are what tell the browser it is still current. When the page
 *    sends widget values (a `rerun` message), both the page's tree and the server's mirror put
 *    them into those widgets' elements (`withPageValue`): the user's own value is not echoed back,
 *    and a value the server resets (`clear_on_submit`, session_state) differs, so it is sent.
 * 6. A new connection (fresh or resumed) starts from an empty mirror: everything is sent again.
 */

/** Version of this protocol; the page and the runtime refuse to talk across versions. */
export const PROTOCOL_VERSION = 1;
/** Streamlit's paths, so existing proxies and probes keep working. */
export const STREAM_PATH = '/_stcore/stream';
export const HEALTH_PATH = '/_stcore/health';

export const ROOT_MAIN = 0;
export const ROOT_SIDEBAR = 1;

/** Address of a node in the element tree: `[root, i, j, …]`. */
export type Path = readonly number[];

/** Key of a path in `reached` / `counts` tables: the indices joined by dots, e.g. `"0.3.1"`. */
export function pathKey(path: Path): string {
  return path.join('.');
}

// ---------------------------------------------------------------------------------------------
// Elements
// ---------------------------------------------------------------------------------------------

export type LabelVisibility = 'visible' | 'hidden' | 'collapsed';
export type AlertKind = 'error' | 'warning' | 'info' | 'success';
export type ButtonKind = 'primary' | 'secondary' | 'tertiary';

export interface HeadingElement {
  type: 'heading';
  /** title = h1, header = h2, subheader = h3 */
  level: 'title' | 'header' | 'subheader';
  /** Markdown (inline). */
  body: string;
  /** Anchor id for links; `false` hides the anchor. */
  anchor?: string | false;
  help?: string;
  /** Colored divider drawn under the heading (`divider` in Streamlit). */
  divider?: string | false;
}

export interface MarkdownElement {
  type: 'markdown';
  /** CommonMark + GFM tables. Raw HTML is escaped unless `allowHtml`. */
  body: string;
  allowHtml: boolean;
  /** `caption` draws small, muted text (st.caption). */
  variant: 'normal' | 'caption';
  help?: string;
}

export interface TextElement {
  type: 'text';
  /** Shown verbatim, preformatted font, never interpreted. */
  body: string;
  help?: string;
}

export interface CodeElement {
  type: 'code';
  body: string;
  language: string | null;
  lineNumbers: boolean;
}

export interface JsonElement {
  type: 'json';
  /** The value, serialized as JSON text by the server (so cycles and bigints are already handled). */
  body: string;
  expanded: boolean;
}

export interface DividerElement {
  type: 'divider';
}

export interface AlertElement {
  type: 'alert';
  kind: AlertKind;
  /** Markdown. */
  body: string;
  icon?: string;
}

export interface ExceptionElement {
  type: 'exception';
  /** e.g. "TypeError", "StreamlitAPIException". */
  name: string;
  message: string;
  /** Stable error code when the runtime raised it (`MST_ERR_…`). */
  code?: string;
  /** Stack frames, already mapped to the user's source lines. */
  stack: string[];
}

/** A static table, used by `st.write` for arrays of records. */
export interface TableElement {
  type: 'table';
  columns: string[];
  /** Cells are pre-rendered to strings by the server. */
  rows: string[][];
}

/**
 * Tabular data as it travels for `st.dataframe`, `st.data_editor` and the charts: column by column,
 * each column one JSON array, so 100,000 rows cost one array per column rather than one object per
 * row. Built by the runtime's `st/tabular.ts` from any of the shapes a script may pass.
 */
export type ColumnKind = 'number' | 'text' | 'boolean' | 'datetime' | 'json';
/** One cell: `datetime` cells are milliseconds since the epoch (UTC); `json` cells are JSON text. */
export type CellValue = number | string | boolean | null;

export interface ColumnData {
  name: string;
  kind: ColumnKind;
  values: CellValue[];
}

export interface TableData {
  columns: ColumnData[];
  rowCount: number;
}

// --- data grids (st.dataframe, st.data_editor). The data travels column by column (TableData);
// `columns[i]` says how to draw `data.columns[i]`. Hidden columns are not sent at all. ---

/** How one column of a grid is drawn and edited (`st.column_config`). */
export interface GridColumn {
  /** Shown in the header (the column's name unless `column_config` gave a label). */
  label: string;
  /** Pixels, or Streamlit's "small" (75), "medium" (200), "large" (400); absent: fit the content. */
  width?: 'small' | 'medium' | 'large' | number;
  /** Tooltip on the header. */
  help?: string;
  /** How cells look: "auto" follows the column's kind. */
  type: 'auto' | 'text' | 'number' | 'checkbox' | 'date' | 'datetime' | 'link';
  /** printf-style for numbers ("%.2f", "$%d"); a date pattern ("YYYY-MM-DD", "MMM D, YYYY") for dates. */
  format?: string;
  min?: number;
  max?: number;
  step?: number;
  /** data_editor: this column cannot be edited. */
  disabled?: boolean;
  /** data_editor: a new row must have a value here. */
  required?: boolean;
  /** link columns: the text shown instead of the URL. */
  displayText?: string;
}

interface GridBase {
  data: TableData;
  columns: GridColumn[];
  /** Pixels of the grid's scroll area; absent: up to 10 rows, then scroll. */
  height?: number;
  width?: number;
  useContainerWidth: boolean;
  hideIndex: boolean;
  /**
   * Hash of `data` and `columns`, made where the element is built: the server's mirror compares it
   * instead of the (possibly megabytes of) JSON of the data (rule 5).
   */
  digest: string;
}

/** `st.dataframe`: a read-only, virtualized, sortable grid. */
export interface DataframeElement extends GridBase {
  type: 'dataframe';
}

/**
 * `st.data_editor`'s value, Streamlit's edit state: cells changed by row position and column name,
 * rows added at the end, row positions deleted. Cells are in wire form (`CellValue`).
 */
export interface DataEditorValue {
  edited_rows: Record<string, Record<string, CellValue>>;
  added_rows: Record<string, CellValue>[];
  deleted_rows: number[];
}

/** `st.data_editor`: an editable grid; `value` is the edit state (`DataEditorValue`). */
export interface DataEditorElement extends WidgetBase, GridBase {
  type: 'data_editor';
  value: DataEditorValue;
  /** "dynamic": rows can be added and deleted. */
  numRows: 'fixed' | 'dynamic';
}

// --- charts (st.line_chart, st.area_chart, st.bar_chart, st.scatter_chart, st.vega_lite_chart).
// The server reshapes the script's data (x, y and color rules) into plain numeric series that
// share one x array, so the page only draws: no per-point objects, no reshaping in the browser. ---

/** The x values every series of a built-in chart shares, one per point, ascending. */
export interface ChartX {
  /**
   * `index`: row numbers (no `x` column); `number`; `datetime`: ms since the epoch (UTC);
   * `category`: indices into `categories` (text or boolean x).
   */
  kind: 'index' | 'number' | 'datetime' | 'category';
  /** Number of points. */
  count: number;
  /** One x per point; empty for `index`, whose values are 0 … count - 1 (not worth sending). */
  values: number[];
  categories?: string[];
}

/** One line, area, set of bars or set of points. */
export interface ChartSeries {
  /** Legend and tooltip name: the y column's name, or a value of the `color` column. */
  name: string;
  /** One y per x value; null where this series has no point there. */
  values: (number | null)[];
  /** A CSS colour the script chose; absent: the theme's palette. */
  color?: string;
  /** Scatter with a `size` column: each point's size (area in px², as Vega-Lite), aligned with `values`. */
  sizes?: (number | null)[];
}

/** What a built-in chart draws: the shared x values and the series over them. */
export interface ChartData {
  x: ChartX;
  series: ChartSeries[];
}

/** `st.line_chart`, `st.area_chart`, `st.bar_chart`, `st.scatter_chart`. */
export interface ChartElement {
  type: 'chart';
  kind: 'line' | 'area' | 'bar' | 'scatter';
  data: ChartData;
  /** Hash of `data`, made where the element is built: the server's mirror compares it, not the data (rule 5). */
  digest: string;
  xLabel: string;
  yLabel: string;
  /** CSS pixels; absent: the container's width (`useContainerWidth`) or the default. */
  width?: number;
  /** CSS pixels; absent: the default height. */
  height?: number;
  useContainerWidth: boolean;
  /**
   * Area and bar charts: `zero` stacks, `normalize` stacks to 100 %, `center` stacks around zero
   * (streamgraph), `layered` overlaps, `grouped` (bars only) puts bars side by side.
   */
  stack: 'zero' | 'normalize' | 'center' | 'layered' | 'grouped';
  /** Bar charts: bars run sideways (x on the vertical axis). */
  horizontal: boolean;
  /** Scatter: one size for every point (area in px²) when no `sizes` are given. */
  size?: number;
}

/** `st.vega_lite_chart`: a Vega-Lite spec drawn by Vega, with the script's data beside it. */
export interface VegaLiteChartElement {
  type: 'vega_lite_chart';
  /** The spec as JSON text; the page puts `data` in as its dataset. */
  spec: string;
  /** The script's data, or null when the spec carries its own. */
  data: TableData | null;
  /** Hash of `data` (see `ChartElement.digest`). */
  digest: string;
  useContainerWidth: boolean;
  /** `streamlit`: the page's colours and fonts (light or dark); null: Vega-Lite's own look. */
  theme: 'streamlit' | null;
}

/** What `st.empty()` draws until something replaces it: nothing. */
export interface EmptyElement {
  type: 'empty';
}

/** `st.progress`: a bar, updated in place by the handle it returns. */
export interface ProgressElement {
  type: 'progress';
  /** Fraction done, 0 to 1. */
  value: number;
  /** Markdown (inline) shown above the bar. */
  text?: string;
}

/** `st.spinner`: shown while the wrapped work runs, then replaced by `empty`. */
export interface SpinnerElement {
  type: 'spinner';
  /** Markdown (inline). */
  text: string;
  /** Show the seconds elapsed next to the text. */
  showTime: boolean;
}

/** `st.metric`: a big value with an optional change (delta) below it. */
export interface MetricElement {
  type: 'metric';
  label: string;
  value: string;
  delta?: string;
  /** `normal`: up is green, down is red; `inverse`: the reverse; `off`: gray. */
  deltaColor: 'normal' | 'inverse' | 'off';
  /** The delta's arrow, from its sign (a string delta is "down" when it starts with "-"). */
  deltaArrow: 'up' | 'down' | 'none';
  help?: string;
  labelVisibility: LabelVisibility;
  border: boolean;
}

// --- media and files (st.image, st.audio, st.video, st.file_uploader, st.download_button,
// st.link_button). Bytes never travel in an element: the server keeps them in its media storage
// and the element carries their URL (`MEDIA_PATH`/<hash>.<ext>), relative to the page's base. ---

/** Where the server serves media files: `<base>/_stcore/media/<id>.<ext>` (Streamlit's path). */
export const MEDIA_PATH = '/_stcore/media';
/** Where the page uploads a file for `st.file_uploader`: `PUT <base>/_stcore/upload_file/<sessionId>/<widgetId>`. */
export const UPLOAD_PATH = '/_stcore/upload_file';
/** The header that carries a session's upload token (from `session_start`). */
export const UPLOAD_TOKEN_HEADER = 'x-mini-st-upload-token';

/** One picture of `st.image` (a list of pictures is drawn side by side, wrapping). */
export interface ImageItem {
  /** http(s), data:image, a relative URL, or a media URL of the server. */
  url: string;
  caption?: string;
}

export interface ImageElement {
  type: 'image';
  images: ImageItem[];
  /** CSS pixels; absent: natural width, capped at the container. */
  width?: number;
  useContainerWidth: boolean;
}

/** `st.audio` and `st.video`: a player with the browser's own controls. */
export interface MediaPlayerElement {
  type: 'audio' | 'video';
  url: string;
  /** Seconds into the media where playing starts. */
  startTime: number;
  /** Seconds where playing stops (absent: the end). */
  endTime?: number;
  loop: boolean;
  autoplay: boolean;
  /** Video only (autoplay in browsers needs it). */
  muted: boolean;
}

/** `st.link_button`: a link that looks like a button, opening in a new tab. */
export interface LinkButtonElement {
  type: 'link_button';
  label: string;
  /** http(s), mailto or relative: checked by the server. */
  url: string;
  kind: ButtonKind;
  icon?: string;
  help?: string;
  disabled: boolean;
  useContainerWidth: boolean;
}

interface WidgetBase {
  /** Stable widget id: the key of this widget's value in rerun messages. */
  id: string;
  label: string;
  help?: string;
  disabled: boolean;
  labelVisibility: LabelVisibility;
  /** Set when the widget sits inside `st.form`: its value is sent only on submit. */
  formId?: string;
  /** Set when the widget sits inside an `st.fragment` (or `st.dialog`): its rerun is that fragment's. */
  fragmentId?: string;
}

export interface ButtonElement extends WidgetBase {
  type: 'button';
  kind: ButtonKind;
  /** `st.form_submit_button`: submits its form. */
  isSubmit: boolean;
  useContainerWidth: boolean;
}

export interface TextInputElement extends WidgetBase {
  type: 'text_input';
  value: string | null;
  placeholder?: string;
  maxChars?: number;
  inputType: 'default' | 'password';
}

export interface TextAreaElement extends WidgetBase {
  type: 'text_area';
  value: string | null;
  placeholder?: string;
  maxChars?: number;
  height?: number;
}

export interface NumberInputElement extends WidgetBase {
  type: 'number_input';
  value: number | null;
  min?: number;
  max?: number;
  step: number;
  /** `int` values are whole numbers; the page refuses fractions. */
  dataType: 'int' | 'float';
  /** printf-style format, e.g. "%.2f". */
  format?: string;
  placeholder?: string;
}

export interface SliderElement extends WidgetBase {
  type: 'slider';
  /** One number, or a `[low, high]` range. */
  value: number | [number, number];
  min: number;
  max: number;
  step: number;
  dataType: 'int' | 'float';
  format?: string;
}

export interface CheckboxElement extends WidgetBase {
  type: 'checkbox';
  value: boolean;
  /** `toggle` is st.toggle. */
  style: 'checkbox' | 'toggle';
}

export interface RadioElement extends WidgetBase {
  type: 'radio';
  /** Options already formatted by `format_func`; values travel as indices. */
  options: string[];
  index: number | null;
  horizontal: boolean;
  captions?: string[];
}

export interface SelectboxElement extends WidgetBase {
  type: 'selectbox';
  options: string[];
  index: number | null;
  placeholder: string;
}

export interface MultiselectElement extends WidgetBase {
  type: 'multiselect';
  options: string[];
  indices: number[];
  maxSelections?: number;
  placeholder: string;
}

/**
 * `st.chat_input`: a message box. Like a button, its value exists for one run: the page sends the
 * text as this widget's value together with the widget's id as the `trigger`.
 */
export interface ChatInputElement extends WidgetBase {
  type: 'chat_input';
  placeholder: string;
  maxChars?: number;
  /** Called on the main area itself: drawn pinned to the bottom of the window. */
  pinned: boolean;
}

/** `st.date_input`: dates travel as "YYYY-MM-DD"; a range as "start/end" (end empty while picked). */
export interface DateInputElement extends WidgetBase {
  type: 'date_input';
  value: string | null;
  range: boolean;
  min: string;
  max: string;
}

/** `st.time_input`: "HH:MM" (or "HH:MM:SS" when `step` is not whole minutes). */
export interface TimeInputElement extends WidgetBase {
  type: 'time_input';
  value: string | null;
  /** Seconds between choices. */
  step: number;
}

/** `st.color_picker`: a hex color, "#rrggbb". */
export interface ColorPickerElement extends WidgetBase {
  type: 'color_picker';
  value: string;
}

/** `st.select_slider`: a slider over options; the value is an option index, or `[low, high]`. */
export interface SelectSliderElement extends WidgetBase {
  type: 'select_slider';
  options: string[];
  value: number | [number, number];
}

/** `st.pills` and `st.segmented_control`: toggle buttons; the value is the chosen option indices. */
export interface PillsElement extends WidgetBase {
  type: 'pills';
  style: 'pills' | 'segmented_control';
  options: string[];
  indices: number[];
  /** Several may be chosen; otherwise at most one. */
  multi: boolean;
}

/** A file the server holds for an uploader: what the page shows in its list. */
export interface UploadedFileInfo {
  fileId: string;
  name: string;
  /** The MIME type the browser reported. */
  type: string;
  size: number;
}

/**
 * `st.file_uploader`: the page uploads each file over HTTP (`UPLOAD_PATH`) and then sends the
 * list of file ids as the widget's value.
 */
export interface FileUploaderElement extends WidgetBase {
  type: 'file_uploader';
  /** File ids in the order the person added them, joined by commas ("" for none). */
  value: string;
  /** What the server holds for the ids in `value`. */
  files: UploadedFileInfo[];
  /** Allowed extensions, lower case with the dot (".png"); null allows any. */
  accept: string[] | null;
  multiple: boolean;
}

/**
 * `st.download_button`: a button whose click downloads a file. With static data the file is on the
 * server already (`url`); with a function (`deferred`) the click's run calls it and the server
 * then sends a `download` message. Either way a click is a `trigger`, as for `button`.
 */
export interface DownloadButtonElement extends WidgetBase {
  type: 'download_button';
  url: string | null;
  deferred: boolean;
  fileName: string;
  /** `on_click: "ignore"`: a click of static data downloads without a rerun. */
  ignoreClick?: boolean;
  kind: ButtonKind;
  icon?: string;
  useContainerWidth: boolean;
}

export type WidgetElement =
  | ButtonElement
  | TextInputElement
  | TextAreaElement
  | NumberInputElement
  | SliderElement
  | CheckboxElement
  | RadioElement
  | SelectboxElement
  | MultiselectElement
  | ChatInputElement
  | DateInputElement
  | TimeInputElement
  | ColorPickerElement
  | SelectSliderElement
  | PillsElement
  | FileUploaderElement
  | DownloadButtonElement
  | DataEditorElement;

export type Element =
  | HeadingElement
  | MarkdownElement
  | TextElement
  | CodeElement
  | JsonElement
  | DividerElement
  | AlertElement
  | ExceptionElement
  | TableElement
  | EmptyElement
  | ProgressElement
  | SpinnerElement
  | MetricElement
  | ImageElement
  | MediaPlayerElement
  | LinkButtonElement
  | PageLinkElement
  | DataframeElement
  | ChartElement
  | VegaLiteChartElement
  | WidgetElement;

export type ElementType = Element['type'];

// ---------------------------------------------------------------------------------------------
// Blocks (containers)
// ---------------------------------------------------------------------------------------------

/** Roots, `st.container()`, and a placeholder turned container by `st.empty().container()`. */
export interface VerticalBlock {
  type: 'vertical';
  border: boolean;
  height?: number;
  /** Set on the container of an `st.fragment` call: widgets in it rerun only that fragment. */
  fragmentId?: string;
}

/** The row made by `st.columns`; its children are `column` blocks. */
export interface HorizontalBlock {
  type: 'horizontal';
  gap: 'small' | 'medium' | 'large';
}

export interface ColumnBlock {
  type: 'column';
  /** Relative width. */
  weight: number;
  verticalAlignment: 'top' | 'center' | 'bottom';
  border: boolean;
}

/** `st.tabs`; its children are `tab` blocks, one per label. */
export interface TabsBlock {
  type: 'tabs';
}

export interface TabBlock {
  type: 'tab';
  label: string;
}

export interface ExpanderBlock {
  type: 'expander';
  label: string;
  expanded: boolean;
  icon?: string;
  /** Set for `st.status`: an expander whose icon shows how the work in it is going. */
  state?: 'running' | 'complete' | 'error';
}

/** `st.chat_message`: one message of a chat, with its author's avatar. */
export interface ChatMessageBlock {
  type: 'chat_message';
  /** "user", "assistant", or any name; the accessible name is "Chat message from {name}". */
  name: string;
  /** An emoji, a short text or an image URL; null draws the default for `name`. */
  avatar: string | null;
}

export interface FormBlock {
  type: 'form';
  formId: string;
  clearOnSubmit: boolean;
  border: boolean;
  enterToSubmit: boolean;
}

/**
 * `st.dialog`: a modal drawn over the page, whose body is a fragment. Each run that calls the
 * dialog function sends a new `openedIn`, which opens it again; the person closes it on the page
 * (X, Escape) without a rerun.
 */
export interface DialogBlock {
  type: 'dialog';
  title: string;
  width: 'small' | 'large';
  fragmentId: string;
  /** The run that called the dialog function (a new value reopens a dialog the person closed). */
  openedIn: number;
}

export type Block =
  | VerticalBlock
  | HorizontalBlock
  | ColumnBlock
  | TabsBlock
  | TabBlock
  | ExpanderBlock
  | ChatMessageBlock
  | FormBlock
  | DialogBlock;

export type BlockType = Block['type'];

/** One change to the tree: an element or a block at a path. */
export type Delta =
  | { path: Path; element: Element; block?: undefined }
  | { path: Path; block: Block; element?: undefined };

// ---------------------------------------------------------------------------------------------
// Widget values
// ---------------------------------------------------------------------------------------------

/**
 * A widget's value as the page sends it:
 * text_input / text_area: string | null; number_input: number | null; slider: number or
 * [low, high]; checkbox / toggle: boolean; radio / selectbox: option index | null;
 * multiselect: option indices. Buttons have no value: a click is a `trigger`. chat_input: the
 * submitted text, sent together with its id as the `trigger`. date_input: "YYYY-MM-DD" | null, or
 * "start/end" for a range; time_input: "HH:MM" | null; color_picker: "#rrggbb"; select_slider:
 * an option index or [low, high]; pills / segmented_control: option indices. file_uploader: the
 * ids the upload route returned, joined by commas ("" for none). download_button: a `trigger`.
 */
export type WidgetValue = string | number | boolean | null | number[] | DataEditorValue;

/**
 * A widget's element as the page shows it once the user set `value` there, or undefined when the
 * value does not live in the element (buttons, chat input). Both ends apply it when the page sends
 * a value (rule 5), so the next run's element travels only if it differs from what the page shows.
 */
export function withPageValue(element: WidgetElement, value: WidgetValue): WidgetElement | undefined {
  switch (element.type) {
    case 'radio':
    case 'selectbox':
      return typeof value === 'number' || value === null ? { ...element, index: value } : undefined;
    case 'multiselect':
    case 'pills':
      return Array.isArray(value) ? { ...element, indices: value } : undefined;
    case 'button':
    case 'chat_input':
    case 'download_button':
      return undefined;
    case 'file_uploader':
      return typeof value === 'string' ? { ...element, value } : undefined;
    case 'data_editor':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...element, value } : undefined;
    default:
      return { ...element, value } as WidgetElement;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** How a run ended. `error`: the script threw (drawn as an exception element). */
export type RunStatus = 'ok' | 'error' | 'compile_error' | 'interrupted' | 'stopped';

export interface SessionStartMessage {
  type: 'session_start';
  protocol: typeof PROTOCOL_VERSION;
  sessionId: string;
  /** True when this connection resumed an existing session (widget states kept). */
  resumed: boolean;
  /** The script's file name, e.g. "app.ts" (the page title until the app sets one). */
  scriptName: string;
  runOnSave: boolean;
  /** Secret for this session's uploads (`UPLOAD_TOKEN_HEADER`); absent when uploads are off. */
  uploadToken?: string;
  /** `server.maxUploadSize` in megabytes, for the uploaders' hint and their check before sending. */
  maxUploadSizeMb?: number;
}

export interface RunStartedMessage {
  type: 'run_started';
  runId: number;
  /**
   * A fragment run: the path keys of the fragment blocks it redraws (rules 3 and 4). Absent for a
   * run of the whole script.
   */
  fragments?: string[];
}

export interface DeltasMessage {
  type: 'deltas';
  runId: number;
  deltas: Delta[];
  /** pathKey(block) → number of children this run has produced so far (rule 3). */
  reached?: Record<string, number>;
}

export interface RunFinishedMessage {
  type: 'run_finished';
  runId: number;
  status: RunStatus;
  /** pathKey(block) → number of children at the end of the run (rule 4). */
  counts: Record<string, number>;
}

/** Make the browser go to a URL (login, logout, redirects). */
export interface NavigateMessage {
  type: 'navigate';
  url: string;
}

/** A file of the script changed and `runOnSave` is off: the page offers "Rerun". */
export interface SourceChangedMessage {
  type: 'source_changed';
}

/** A fault that is not the script's (bad message, session expired…). */
export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
}

/** `st.toast`: a short message in a corner of the window, gone after `duration` seconds. */
export interface ToastMessage {
  type: 'toast';
  /** Markdown (inline). */
  body: string;
  icon?: string;
  /** Seconds on screen; null keeps it until the person dismisses it. */
  duration: number | null;
}

/** `st.set_page_config`: the window's title and icon, the layout, the sidebar's first state. */
export interface PageConfigMessage {
  type: 'page_config';
  title?: string;
  /** An emoji or an image URL. */
  icon?: string;
  layout?: 'centered' | 'wide';
  initialSidebarState?: 'auto' | 'expanded' | 'collapsed';
}

/**
 * `st.query_params` changed in the script: the page puts `query` in its address bar without
 * reloading (a new history entry after a person's action, else in place).
 */
export interface QueryParamsMessage {
  type: 'query_params';
  /** The new query string: "" or "?a=1&b=2". */
  query: string;
}

/** The file a `st.download_button` function made is ready: the page downloads it. */
export interface DownloadMessage {
  type: 'download';
  /** A media URL of the server (relative to the page's base). */
  url: string;
  fileName: string;
}

// --- multipage apps (st.navigation, st.Page, st.switch_page, st.page_link) --------------------

/** One page of `st.navigation`, as the page's menu draws it. */
export interface NavigationPage {
  /** The page's path under the app's base ("" for the default page, served at the base itself). */
  urlPath: string;
  title: string;
  /** An emoji (`:material/…:` icons are not drawn). */
  icon?: string;
  /** The section heading it is listed under ("" for none). */
  section: string;
}

/**
 * `st.navigation` in a run: the menu (drawn in the sidebar, at the top, or not at all) and the
 * page this run shows. When the address bar's path differs from `current`, the page puts
 * `current`'s path there (a new history entry, or in place when `replace`, after an unknown URL).
 */
export interface NavigationMessage {
  type: 'navigation';
  pages: NavigationPage[];
  /** `urlPath` of the page this run shows. */
  current: string;
  position: 'sidebar' | 'hidden' | 'top';
  replace: boolean;
  /** The URL asked for no page of the app (Streamlit's "Page not found"): shown as a notice. */
  notFound?: { code: string; message: string };
}

/** `st.page_link`: a link to a page of this app (switches without a reload) or to another site. */
export interface PageLinkElement {
  type: 'page_link';
  label: string;
  /** A page of this app: its `urlPath`; null for an external link. */
  urlPath: string | null;
  /** An external http(s) link (opens in a new tab); null for a page of this app. */
  url: string | null;
  icon?: string;
  help?: string;
  disabled: boolean;
  /** Whether this is the page the run shows (drawn as current). */
  current: boolean;
  useContainerWidth: boolean;
}

export type ServerMessage =
  | SessionStartMessage
  | RunStartedMessage
  | DeltasMessage
  | RunFinishedMessage
  | NavigateMessage
  | SourceChangedMessage
  | ErrorMessage
  | ToastMessage
  | PageConfigMessage
  | QueryParamsMessage
  | DownloadMessage
  | NavigationMessage;

/** The first message on every connection: start a session, or resume one. */
export interface HelloMessage {
  type: 'hello';
  protocol: typeof PROTOCOL_VERSION;
  /** The session to resume after a reconnect; absent on a fresh page. */
  sessionId?: string;
  /** Every widget value the page holds, so a new session can start from them. */
  widgets: Record<string, WidgetValue>;
  /** `location.pathname + location.search` of the page, for query params and return-after-login. */
  page: string;
}

/** What one interaction changed. Coalesces on the server; a trigger is never lost. */
export interface RerunMessage {
  type: 'rerun';
  /** Widget values changed since the last message (a form sends all of its widgets on submit). */
  widgets: Record<string, WidgetValue>;
  /** The button (or form submit button, or chat input) whose action caused this rerun. */
  trigger?: string;
  /** The page's address changed (back or forward): its path and query, as in `hello`. */
  page?: string;
  /**
   * The widgets that changed sit in this fragment: rerun only it. The server runs the whole
   * script instead when it no longer knows the fragment.
   */
  fragmentId?: string;
}

/** The page's Stop control. */
export interface StopMessage {
  type: 'stop';
}

export type ClientMessage = HelloMessage | RerunMessage | StopMessage;
