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

