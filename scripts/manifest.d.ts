// Types of scripts/manifest.js for the TypeScript tests.
export declare const PLACEHOLDER: string;
export declare function adapterHosts(list: ReadonlyArray<{ hosts: string[] }>): string[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export declare function manifestFor(browser: 'chrome' | 'firefox', base: Record<string, any>, version: string, hosts: string[]): Record<string, any>;
