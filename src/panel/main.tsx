/**
 * The panel page's entry: one store, one controller, one render. The same page serves the
 * Chrome side panel, the Firefox sidebar and the pop-out tab (`panel.html?url=…`).
 */
import { render } from 'preact';
import { App } from './App.tsx';
import { Controller } from './connection.ts';
import { readParams } from './nav.ts';
import { opening } from './panel-state.ts';
import { createFilterStore, createLoadStore, createReadStore, createTreeStore, StoreContext, type Store } from './store.ts';
import { createSeriesStore } from './series/series-state.ts';
import { createCommitStore } from './commit-state.ts';
import '../theme.css';
import { record } from '../errors.ts';

// Marks for the speed benchmark (open → tree): cheap, and visible in DevTools' timeline.
performance.mark('listlens-panel-start');
const params = readParams(location.search);
const parts = { load: createLoadStore(), filter: createFilterStore(), tree: createTreeStore(), read: createReadStore(), series: createSeriesStore(), commit: createCommitStore() };
const controller = new Controller(parts, params);
const store: Store = { ...parts, actions: controller, now: () => Date.now() };
// Ask the worker first, draw the empty shell while it reads the cache.
const started = controller.start();
if (params.url) document.documentElement.classList.add('ll-popout');
if (params.view === 'series') document.documentElement.classList.add('ll-wide');

const root = document.getElementById('app');
if (root) {
  render(
    <StoreContext.Provider value={store}>
      <App wide={params.view === 'series'} />
    </StoreContext.Provider>,
    root,
  );
}
started.catch((e: unknown) => {
  record('panel: start', e);
  // Only an extension context gone bad gets here (e.g. the extension was reloaded under us).
  parts.load.reset({ ...opening(''), url: null, loading: false, error: { kind: 'network', message: 'ListLens could not reach its background worker; close and reopen the panel.' } });
});
