// Types of scripts/zip.js for the TypeScript tests.
export declare function crc32(buf: Uint8Array): number;
export declare function zipDir(dir: string, zipPath: string): string[];
export declare function zipEntries(zipPath: string): string[];
