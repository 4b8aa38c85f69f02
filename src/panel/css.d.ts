// Vite bundles the CSS imported beside each component (panel and options pages); TypeScript
// only needs to know such imports exist.
declare module '*.css';
