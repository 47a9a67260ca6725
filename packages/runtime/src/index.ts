/**
 * The public surface of `mini-st`: the `st` object, the types a user's editor needs, and the
 * error class. Everything else in this package is private and may change.
 *
 * @example
 * import { st } from "mini-st";
 * st.title("Hello");
 * const name = st.text_input("Your name");
 * if (name) st.write(`Hi, ${name}!`);
 */
import { MiniStError } from './errors.js';

export { st } from './st/api.js';
/** Raised for misuse of `st` (Streamlit's `StreamlitAPIException`); carries a stable `code`. */
export { MiniStError as StreamlitAPIException };
export type { ErrorCode } from './errors.js';
export type { StreamlitApi } from './st/api.js';
export type {
  ColumnsOptions,
  ContainerOptions,
  DeltaGenerator,
  ExpanderOptions,
  FormOptions,
  HeadingOptions,
  MarkdownOptions,
} from './st/delta-generator.js';
export type { CacheData, CachedFunction, CacheOptions, CacheResource, CacheResourceOptions } from './st/cache.js';
export type { ChatInputOptions, ChatMessageOptions, StreamSource } from './st/chat.js';
export type { MetricOptions } from './st/metric.js';
export type { FragmentOptions } from './st/fragment.js';
export type { DialogDecorator, DialogOptions } from './st/dialog.js';
export type { AudioOptions, ImageOptions, ImageSource, MediaBytes, VideoOptions } from './st/media.js';
export type { DownloadButtonOptions, DownloadData, FileUploaderOptions, LinkButtonOptions, UploadedFile } from './st/files.js';
export type { AreaChartOptions, BarChartOptions, ChartOptions, ScatterChartOptions, VegaLiteChartOptions, VegaLiteSpec } from './st/charts.js';
export type { ColorPickerOptions, DateInputOptions, DateLike, DateRange, TimeInputOptions } from './st/pickers.js';
export type { PillsOptions, SelectSliderOptions } from './st/choices.js';
export type { PageConfig } from './st/page-config.js';
export type { NavigationOptions, PageLike, PageLinkOptions } from './st/navigation.js';
export type { PageFunction, PageOptions, StreamlitPage } from './st/page.js';
export type { QueryParams, QueryParamsMethods } from './st/query-params.js';
export type { ProgressOptions, SpinnerOptions, StatusContainer, StatusOptions, StatusState, StatusUpdate, ToastOptions } from './st/status.js';
export type { SessionState } from './st/session-state.js';
export type { Secrets } from './st/secrets.js';
export type { UserInfo } from './st/user.js';
export type { WidgetOptions } from './st/widget.js';
export type {
  ButtonOptions,
  ChangeOptions,
  CheckboxOptions,
  FormSubmitButtonOptions,
  MultiselectOptions,
  NumberInputOptions,
  RadioOptions,
  SelectboxOptions,
  SliderOptions,
  TextAreaOptions,
  TextInputOptions,
} from './st/widgets.js';

