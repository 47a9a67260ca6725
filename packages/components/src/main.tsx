/**
 * The bundle's entry: wires the page store to the connection, renders the app, and starts
 * talking to the runtime. The only module with side effects at load.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { Connection, streamUrl } from './connection.js';
import { PageContext } from './page-context.js';
import { PageStore } from './page-store.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/elements.css';
import './styles/widgets.css';

const store = new PageStore();
const connection = new Connection({
  url: streamUrl(),
  widgets: () => store.getState().widgets.values,
  onMessage: (msg) => store.receive(msg),
});
store.attach(connection);

// The script's name is the page title until the app sets one.
let titled: string | null = null;
connection.subscribe(() => {
  const name = connection.getState().scriptName;
  if (name && name !== titled) document.title = titled = name;
});
addEventListener('online', () => connection.reconnectNow());

createRoot(document.getElementById('root')!).render(
  <PageContext value={{ store, connection }}>
    <App />
  </PageContext>,
);
connection.start();
