/**
 * The bundle's entry: wires the page store to the connection, renders the app, and starts
 * talking to the runtime. The only module with side effects at load.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { Connection, streamUrl } from './connection.js';
import { PageContext } from './page-context.js';
import { PageStore } from './page-store.js';
import { ThemeController } from './theme.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/elements.css';
import './styles/widgets.css';
import './styles/status.css';
import './styles/chat.css';
import './styles/dialog.css';
import './styles/inputs.css';
import './styles/nav.css';
import './styles/grid.css';
import './styles/charts.css';

const store = new PageStore();
const connection = new Connection({
  url: streamUrl(),
  widgets: () => store.getState().widgets.values,
  onMessage: (msg) => store.receive(msg),
});
store.attach(connection);

// Light or dark: the server's inline script chose before the first paint; this keeps it right.
const theme = new ThemeController();

// The tab's title: st.set_page_config's, else the shown page's (st.navigation), else the script's name.
let titled: string | null = null;
let iconed: string | undefined;
connection.subscribe(() => {
  const { scriptName, pageConfig, navigation } = connection.getState();
  const page = navigation?.pages.find((p) => p.urlPath === navigation.current);
  const title = pageConfig.title ?? page?.title ?? scriptName;
  if (title && title !== titled) document.title = titled = title;
  const icon = pageConfig.icon ?? page?.icon;
  if (icon !== iconed) setIcon((iconed = icon));
});
addEventListener('online', () => connection.reconnectNow());
// Back and forward change the query string and the page: the script reruns with them.
addEventListener('popstate', () => connection.addressChanged());

/** The tab's icon: an image URL as it is, an emoji drawn in an SVG. */
function setIcon(icon: string | undefined): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link || !icon) return;
  const isUrl = /^(https?:\/\/|data:image\/|\/)/.test(icon);
  link.href = isUrl
    ? icon
    : `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">${icon.replace(/[<&]/g, '')}</text></svg>`)}`;
}

createRoot(document.getElementById('root')!).render(
  <PageContext value={{ store, connection, theme }}>
    <App />
  </PageContext>,
);
connection.start();
