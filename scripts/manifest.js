/**
 * The per-browser manifest, derived from the one top-level manifest.json (see build.js).
 * Pure functions, so the build tests can check the rules without building.
 *
 * Non-goals: reading or writing files.
 */

/** Stands, in manifest.json, for the match patterns of every archive adapter in src/sites. */
export const PLACEHOLDER = '<adapter hosts>';

/** Every adapter's match patterns, deduplicated, in adapter order. */
export function adapterHosts(list) {
  const out = [];
  for (const a of list) for (const h of a.hosts) if (!out.includes(h)) out.push(h);
  return out;
}

function expandHosts(values, hosts) {
  return values.flatMap((v) => (v === PLACEHOLDER ? hosts : [v]));
}

/**
 * The manifest for `browser` ('chrome' | 'firefox'). Chrome keeps the service worker, the
 * side panel and `minimum_chrome_version`; Firefox keeps background scripts, the sidebar and
 * `browser_specific_settings`. Each drops the other's keys, so neither warns about them.
 */
export function manifestFor(browser, base, version, hosts) {
  const m = structuredClone(base);
  m.version = version;
  m.host_permissions = expandHosts(m.host_permissions ?? [], hosts);
  for (const cs of m.content_scripts ?? []) cs.matches = expandHosts(cs.matches, hosts);
  if (browser === 'chrome') {
    m.background = { service_worker: m.background.service_worker, type: m.background.type };
    delete m.sidebar_action;
    delete m.browser_specific_settings;
  } else {
    m.background = { scripts: m.background.scripts, type: m.background.type };
    m.permissions = m.permissions.filter((p) => p !== 'sidePanel');
    delete m.side_panel;
    delete m.minimum_chrome_version;
  }
  return m;
}
