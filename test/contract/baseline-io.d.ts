export declare const BASELINE_PATH: string;
export declare const PUBLISHED_BASELINE_PATH: string;
export declare function readBaseline(): unknown;
export declare function readPublishedBaseline(): unknown;
export declare function writeBaseline(contract: unknown): void;
export declare function shouldUpdateBaseline(): boolean;
