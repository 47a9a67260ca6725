/**
 * The gallery's fragments section: a counter inside an `st.fragment` next to a count of the app's
 * own runs (the fragment's button leaves it alone), a clock on `run_every` (off until switched on,
 * so the gallery stays quiet), and an `st.dialog`. Wired into examples/gallery.ts by
 * `fragmentsSection()`; also the fixture of examples/e2e/fragments.test.ts.
 */
import { st } from 'mini-st';

/** st.fragment, run_every and st.dialog. */
export function fragmentsSection(): void {
  st.header('Fragments and dialogs', { divider: true });
  st.session_state.app_runs = ((st.session_state.app_runs as number | undefined) ?? 0) + 1;
  st.session_state.fragment_count ??= 0;
  st.button('Rerun the whole app');
  st.text(`App runs: ${st.session_state.app_runs}`);

  const counter = st.fragment((step: number) => {
    if (st.button(`Add ${step} in the fragment`)) st.session_state.fragment_count += step;
    st.text(`Fragment count: ${st.session_state.fragment_count}`);
  });
  counter(1);

  const ticking = st.toggle('Run the clock', { key: 'clock_on' });
  const clock = st.fragment(
    () => {
      st.session_state.clock_ticks = ((st.session_state.clock_ticks as number | undefined) ?? 0) + 1;
      st.caption(`Clock: tick ${st.session_state.clock_ticks} at ${new Date().toISOString().slice(11, 19)} UTC`);
    },
    { run_every: ticking ? '1s' : null },
  );
  clock();

  const rename = st.dialog('Rename the project')((current: string) => {
    const name = st.text_input('Project name', { value: current, key: 'project_name_input' });
    st.caption(`Preview: ${name || '(empty)'}`);
    if (st.button('Save the name')) {
      st.session_state.project_name = name;
      st.rerun();
    }
  });
  const project = (st.session_state.project_name as string | undefined) ?? 'mini-st';
  st.text(`Project: ${project}`);
  if (st.button('Rename…')) rename(project);
}
