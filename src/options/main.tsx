/** The options page's entry: settings from storage.sync (src/settings-storage.ts), rendered once, kept live. */
import { render } from 'preact';
import { OptionsApp } from './OptionsApp.tsx';
import { createOptionsStore, OptionsContext } from './options-store.ts';
import '../theme.css';
import './options.css';

const store = createOptionsStore();
const root = document.getElementById('app');
if (root) {
  render(
    <OptionsContext.Provider value={store}>
      <OptionsApp />
    </OptionsContext.Provider>,
    root,
  );
}
void store.start();
