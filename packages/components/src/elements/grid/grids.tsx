/**
 * The one lazily loaded module behind st.dataframe and st.data_editor: both grids in one chunk,
 * so the first grid on a page costs one fetch, not a chain of shared chunks.
 */
export { default as DataframeGrid } from './dataframe-grid.js';
export { default as EditorGrid } from './editor-grid.js';
