/**
 * Picks the component for an element type. The switch is exhaustive (`satisfies never`), so a new
 * element type in the protocol fails the typecheck here until it is drawn.
 */
import { memo } from 'react';
import type { Element } from '@mini-st/protocol';
import { Alert } from './alert.js';
import { Button } from './button.js';
import { ChatInput } from './chat-input.js';
import { Checkbox } from './checkbox.js';
import { Code } from './code.js';
import { ColorPicker } from './color-picker.js';
import { DateInput } from './date-input.js';
import { Divider } from './divider.js';
import { ExceptionBox } from './exception.js';
import { Heading } from './heading.js';
import { Json } from './json.js';
import { Markdown } from './markdown.js';
import { Metric } from './metric.js';
import { PageLink } from './page-link.js';
import { Chart, VegaLite } from './charts/charts.js';
import { Multiselect } from './multiselect.js';
import { NumberInput } from './number-input.js';
import { Pills } from './pills.js';
import { DownloadButton } from './download-button.js';
import { FileUploader } from './file-uploader.js';
import { Image } from './image.js';
import { LinkButton } from './link-button.js';
import { MediaPlayer } from './media-player.js';
import { Dataframe } from './dataframe.js';
import { DataEditor } from './data-editor.js';
import { Progress } from './progress.js';
import { Radio } from './radio.js';
import { Selectbox } from './selectbox.js';
import { SelectSlider } from './select-slider.js';
import { Slider } from './slider.js';
import { Spinner } from './spinner.js';
import { Table } from './table.js';
import { Text } from './text.js';
import { TextArea } from './text-area.js';
import { TextInput } from './text-input.js';
import { TimeInput } from './time-input.js';

/** One element, re-rendered only when the element object changes. */
export const ElementView = memo(function ElementView({ element: el }: { element: Element }) {
  switch (el.type) {
    case 'heading':
      return <Heading el={el} />;
    case 'markdown':
      return <Markdown el={el} />;
    case 'text':
      return <Text el={el} />;
    case 'code':
      return <Code el={el} />;
    case 'json':
      return <Json el={el} />;
    case 'divider':
      return <Divider />;
    case 'alert':
      return <Alert el={el} />;
    case 'exception':
      return <ExceptionBox el={el} />;
    case 'table':
      return <Table el={el} />;
    case 'empty':
      return null;
    case 'progress':
      return <Progress el={el} />;
    case 'spinner':
      return <Spinner el={el} />;
    case 'page_link':
      return <PageLink el={el} />;
    case 'metric':
      return <Metric el={el} />;
    case 'chart':
      return <Chart el={el} />;
    case 'vega_lite_chart':
      return <VegaLite el={el} />;
    case 'button':
      return <Button el={el} />;
    case 'text_input':
      return <TextInput el={el} />;
    case 'text_area':
      return <TextArea el={el} />;
    case 'number_input':
      return <NumberInput el={el} />;
    case 'slider':
      return <Slider el={el} />;
    case 'checkbox':
      return <Checkbox el={el} />;
    case 'radio':
      return <Radio el={el} />;
    case 'selectbox':
      return <Selectbox el={el} />;
    case 'multiselect':
      return <Multiselect el={el} />;
    case 'chat_input':
      return <ChatInput el={el} />;
    case 'date_input':
      return <DateInput el={el} />;
    case 'time_input':
      return <TimeInput el={el} />;
    case 'color_picker':
      return <ColorPicker el={el} />;
    case 'select_slider':
      return <SelectSlider el={el} />;
    case 'pills':
      return <Pills el={el} />;
    // Media room: media and files.
    case 'image':
      return <Image el={el} />;
    case 'audio':
    case 'video':
      return <MediaPlayer el={el} />;
    case 'link_button':
      return <LinkButton el={el} />;
    case 'download_button':
      return <DownloadButton el={el} />;
    case 'file_uploader':
      return <FileUploader el={el} />;
    // Data room: both grids load their code lazily.
    case 'dataframe':
      return <Dataframe el={el} />;
    case 'data_editor':
      return <DataEditor el={el} />;
    default:
      return el satisfies never;
  }
});
