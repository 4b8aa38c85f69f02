// Types for scripts/patch-postal-mime.js, which the bench imports to rebuild stock postal-mime.
export declare const EXPECTED_VERSION: string;
export declare const EDITS: Array<[file: string, original: string, patched: string]>;
export declare function unpatchedText(file: string, text: string): string;
export declare function patchPostalMime(pkgDir: string): 'patched' | 'already patched';
