// Types of platform.js for the TypeScript tests that share its display rule.
export declare const OS: NodeJS.Platform;
export declare const hasDisplay: () => boolean;
